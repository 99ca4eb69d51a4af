package io.volback.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerHookLabelsTest {
  @Test
  void noLabelsMeanNoHooks() {
    assertThat(ContainerHookLabels.parse("web", Map.of("other", "x")).isEmpty()).isTrue();
  }

  @Test
  void everyLabelIsRead() {
    ContainerHooks hooks =
        ContainerHookLabels.parse(
            "db",
            Map.of(
                "volback.stop", "TRUE",
                "volback.exec.pre", "pg_dump > /data/dump.sql",
                "volback.exec.post", "rm /data/dump.sql",
                "volback.exec.timeout", "1m30s",
                "volback.exec.on-error", "continue"));
    assertThat(hooks)
        .isEqualTo(
            new ContainerHooks(
                true,
                "pg_dump > /data/dump.sql",
                "rm /data/dump.sql",
                Duration.ofSeconds(90),
                OnError.CONTINUE));
  }

  @Test
  void defaultsAreFiveMinutesAndFail() {
    ContainerHooks hooks = ContainerHookLabels.parse("db", Map.of("volback.exec.pre", "sync"));
    assertThat(hooks.execTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(hooks.onError()).isEqualTo(OnError.FAIL);
    assertThat(hooks.stop()).isFalse();
  }

  @Test
  void malformedLabelsNameTheContainerAndTheKey() {
    assertThatThrownBy(() -> ContainerHookLabels.parse("db", Map.of("volback.stop", "yes")))
        .isInstanceOf(InvalidHookLabelException.class)
        .hasMessage("container db: label volback.stop: 'yes' is neither true nor false");
    assertThatThrownBy(
            () -> ContainerHookLabels.parse("db", Map.of("volback.exec.timeout", "30 seconds")))
        .hasMessageStartingWith("container db: label volback.exec.timeout: '30 seconds'");
    assertThatThrownBy(
            () -> ContainerHookLabels.parse("db", Map.of("volback.exec.on-error", "ignore")))
        .hasMessage(
            "container db: label volback.exec.on-error: 'ignore' is neither fail nor continue");
    assertThatThrownBy(() -> ContainerHookLabels.parse("db", Map.of("volback.exec.pre", " ")))
        .hasMessage("container db: label volback.exec.pre: empty command");
  }

  @Test
  void durationsAsDockerWritesThem() {
    assertThat(HookTimeout.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(HookTimeout.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(HookTimeout.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> HookTimeout.parse("0s")).hasMessageContaining("zero");
    assertThatThrownBy(() -> HookTimeout.parse("5")).hasMessageContaining("not a duration");
  }
}

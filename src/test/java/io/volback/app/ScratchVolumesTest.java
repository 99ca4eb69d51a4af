package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchVolumesTest {
  private static final String DOCKER_NAME = "[a-zA-Z0-9][a-zA-Z0-9_.-]*";

  @Test
  void namesAreUniqueDockerNamesThatNameTheSource() {
    String a = ScratchVolumes.newName("pg_data.1");
    String b = ScratchVolumes.newName("pg_data.1");
    assertThat(a).matches("volback-drill-pg_data\\.1-[0-9a-f]{8}").matches(DOCKER_NAME);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void charactersDockerRefusesAreReplacedAndLongSourcesCut() {
    assertThat(ScratchVolumes.newName("a b/ç")).matches("volback-drill-a-b---[0-9a-f]{8}");
    String longName = ScratchVolumes.newName("x".repeat(300));
    assertThat(longName).matches(DOCKER_NAME).hasSize("volback-drill-".length() + 100 + 9);
  }

  @Test
  void labelsMarkTheVolumeAsAScratchVolumeOfThisProcess() {
    Instant now = Instant.parse("2026-11-30T12:00:00Z");
    Map<String, String> labels = ScratchVolumes.labels("db", now);
    assertThat(labels)
        .containsEntry(ScratchVolumes.DRILL_LABEL, "true")
        .containsEntry(ScratchVolumes.SOURCE_LABEL, "db")
        .containsEntry(ScratchVolumes.STARTED_LABEL, "2026-11-30T12:00:00Z")
        .containsEntry(ScratchVolumes.OWNER_LABEL, ScratchVolumes.owner())
        .hasSize(4);
    assertThat(ScratchVolumes.owner()).endsWith("/" + ProcessHandle.current().pid());
    assertThat(ScratchVolumes.isScratch(labels)).isTrue();
    assertThat(ScratchVolumes.isScratch(Map.of("volback.enable", "true"))).isFalse();
  }
}

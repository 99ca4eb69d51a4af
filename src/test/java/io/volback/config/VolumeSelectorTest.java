package io.volback.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** VolumeSelector: every condition given must hold. */
@Timeout(30)
class VolumeSelectorTest {
  static final Map<String, String> NONE = Map.of();

  static VolumeSelector select(
      List<String> names,
      Map<String, String> volumeLabels,
      Map<String, String> consumerLabels,
      String project,
      boolean sharedOnly,
      boolean anonymous) {
    return new VolumeSelector(names, volumeLabels, consumerLabels, project, sharedOnly, anonymous);
  }

  @Test
  void namesAreGlobs() {
    VolumeSelector s = select(List.of("pg-*", "my?ql"), NONE, NONE, null, false, false);
    assertThat(s.matches("pg-main", NONE, false, List.of())).isTrue();
    assertThat(s.matches("mysql", NONE, false, List.of())).isTrue();
    assertThat(s.matches("pg.main", NONE, false, List.of())).isFalse();
    assertThat(s.matches("xpg-main", NONE, false, List.of())).isFalse();
  }

  @Test
  void volumeLabelsWithOrWithoutValue() {
    Map<String, String> want = new HashMap<>();
    want.put("tier", "db");
    want.put("backup", null);
    VolumeSelector s = select(List.of(), want, NONE, null, false, false);
    assertThat(s.matches("v", Map.of("tier", "db", "backup", "anything"), false, List.of()))
        .isTrue();
    assertThat(s.matches("v", Map.of("tier", "web", "backup", "x"), false, List.of())).isFalse();
    assertThat(s.matches("v", Map.of("tier", "db"), false, List.of())).isFalse();
  }

  @Test
  void consumerLabelsNeedOneContainerWithAllOfThem() {
    VolumeSelector s = select(List.of(), NONE, Map.of("a", "1", "b", "2"), null, false, false);
    assertThat(s.matches("v", NONE, false, List.of(Map.of("a", "1"), Map.of("a", "1", "b", "2"))))
        .isTrue();
    assertThat(s.matches("v", NONE, false, List.of(Map.of("a", "1"), Map.of("b", "2")))).isFalse();
    assertThat(s.matches("v", NONE, false, List.of())).isFalse();
  }

  @Test
  void composeProjectOnTheVolumeOrAConsumer() {
    VolumeSelector s = select(List.of(), NONE, NONE, "shop", false, false);
    Map<String, String> shop = Map.of(VolumeSelector.COMPOSE_PROJECT_LABEL, "shop");
    assertThat(s.matches("v", shop, false, List.of())).isTrue();
    assertThat(s.matches("v", NONE, false, List.of(NONE, shop))).isTrue();
    assertThat(
            s.matches(
                "v", Map.of(VolumeSelector.COMPOSE_PROJECT_LABEL, "blog"), false, List.of(NONE)))
        .isFalse();
  }

  @Test
  void sharedOnlyNeedsTwoConsumers() {
    VolumeSelector s = select(List.of(), NONE, NONE, null, true, false);
    assertThat(s.matches("v", NONE, false, List.of(NONE, NONE))).isTrue();
    assertThat(s.matches("v", NONE, false, List.of(NONE))).isFalse();
  }

  @Test
  void anonymousVolumesOnlyWhenAsked() {
    String anon = "0123456789abcdef".repeat(4);
    assertThat(VolumeSelector.ALL.matches(anon, NONE, true, List.of())).isFalse();
    assertThat(
            select(List.of(), NONE, NONE, null, false, true).matches(anon, NONE, true, List.of()))
        .isTrue();
    assertThat(VolumeSelector.ALL.matches("named", NONE, false, List.of())).isTrue();
  }
}

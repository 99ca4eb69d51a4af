package io.volback.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A volume's volback.* labels: parsed, their errors naming the volume and the label. */
@Timeout(30)
class VolumeLabelsTest {
  static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void labelsParse() throws ConfigException {
    VolumeLabelSettings s =
        VolumeLabels.parse(
            "pgdata",
            Map.of(
                "volback.enable", "true",
                "volback.schedule", "*/5 * * * * ?",
                "volback.retention", "last=3,daily=7,weekly=4,monthly=6",
                "com.example.other", "x",
                "volback.drill.schedule", "0 0 4 ? * SUN"),
            UTC);
    assertThat(s.enable()).contains(true);
    assertThat(s.schedule()).contains(new CronSchedule("*/5 * * * * ?", UTC));
    assertThat(s.retention().orElseThrow())
        .isEqualTo(
            new RetentionSpec(3, 0, 7, 4, 6, 0, null, null, null, null, null, null, List.of()));
  }

  @Test
  void noLabelsMeansNothingAsked() throws ConfigException {
    assertThat(VolumeLabels.parse("v", Map.of(), UTC)).isEqualTo(VolumeLabelSettings.NONE);
  }

  @Test
  void everyBadLabelIsNamedWithItsVolume() {
    assertThatThrownBy(
            () ->
                VolumeLabels.parse(
                    "pgdata",
                    new java.util.TreeMap<>(
                        Map.of(
                            "volback.enable", "yes",
                            "volback.schedule", "0 0 3 * *",
                            "volback.retention", "last=3,dayly=7",
                            "volback.shedule", "0 0 3 * * ?",
                            "volback.stop", "true")),
                    UTC))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "volume pgdata: label volback.shedule: unknown volback label (did you"
                            + " mean 'volback.schedule'?)",
                        "volume pgdata: label volback.stop: is a container label: put it on the"
                            + " containers that mount the volume",
                        "volume pgdata: label volback.enable: expected true or false, got 'yes'",
                        "volume pgdata: label volback.schedule: invalid cron expression '0 0 3 *"
                            + " *': Unexpected end of expression. (Quartz cron, seconds first:"
                            + " \"0 0 3 * * ?\" is 03:00 daily)",
                        "volume pgdata: label volback.retention: unknown retention rule 'dayly'"
                            + " (did you mean 'daily'?)"));
  }

  @Test
  void labelsWinOverThePolicyForTheirVolume() throws ConfigException {
    PolicyConfig policy =
        new PolicyConfig(
            "p",
            List.of(),
            VolumeSelector.ALL,
            new CronSchedule("0 0 3 * * ?", UTC),
            RetentionSpec.parse("last=30"),
            PolicyConfig.Consistency.NONE,
            List.of(),
            ReadPath.AUTO);
    VolumeLabelSettings own =
        VolumeLabels.parse("v", Map.of("volback.schedule", "0 0 1 * * ?"), UTC);
    assertThat(own.effectiveSchedule(policy)).contains(new CronSchedule("0 0 1 * * ?", UTC));
    assertThat(own.effectiveRetention(policy)).isEqualTo(RetentionSpec.parse("last=30"));
    assertThat(VolumeLabelSettings.NONE.effectiveSchedule(policy)).contains(policy.schedule());
    assertThat(VolumeLabelSettings.NONE.effectiveSchedule(null)).isEmpty();
    VolumeLabelSettings disabled = VolumeLabels.parse("v", Map.of("volback.enable", "false"), UTC);
    assertThat(disabled.effectiveSchedule(policy)).isEqualTo(Optional.empty());
  }
}

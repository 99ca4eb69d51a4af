package io.volback.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A policy's drill section and a volume's volback.drill.* labels. */
@Timeout(30)
class DrillConfigTest {
  static final ZoneId UTC = ZoneId.of("UTC");

  static ServiceConfig load(String yaml) throws ConfigException {
    return ConfigLoader.parse(yaml, Path.of("volback.yml"), UTC);
  }

  static List<String> problems(String yaml) {
    try {
      load(yaml);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigException for:\n" + yaml);
  }

  @Test
  void drillSectionIsReadWithItsDefaults() throws ConfigException {
    ServiceConfig c =
        load(
            """
            hosts:
              - {name: a, address: unix:///var/run/docker.sock}
              - {name: b, address: unix:///var/run/docker2.sock}
            policies:
              - name: db
                hosts: [a]
                schedule: "0 0 3 * * ?"
                drill:
                  schedule: "0 0 6 ? * SUN"
                  on: b
                  keep: true
                  probe: {image: "pg:1", command: "pg_isready"}
              - name: plain
                schedule: "0 0 3 * * ?"
                drill: {schedule: "*/2 * * * * ?"}
            """);
    DrillConfig db = c.policies().get(0).drill();
    assertThat(db)
        .isEqualTo(
            new DrillConfig(
                new CronSchedule("0 0 6 ? * SUN", UTC),
                "b",
                true,
                new DrillConfig.Probe("pg:1", "pg_isready", "/data", Duration.ofMinutes(5))));
    assertThat(c.policies().get(1).drill())
        .isEqualTo(new DrillConfig(new CronSchedule("*/2 * * * * ?", UTC), null, false, null));
  }

  @Test
  void aPolicyWithoutDrillHasNone() throws ConfigException {
    ServiceConfig c = load("policies:\n  - {name: a, schedule: \"0 0 3 * * ?\"}\n");
    assertThat(c.policies().get(0).drill()).isNull();
  }

  @Test
  void badDrillValuesNameFileLineColumnAndKey() {
    List<String> p =
        problems(
            """
            policies:
              - name: db
                schedule: "0 0 3 * * ?"
                drill:
                  schedule: "0 0 6 * *"
                  on: nowhere
                  keep: maybe
                  probe: {command: "true", mount: data, timeout: 0s, imgae: x}
                  wen: never
            """);
    assertThat(p)
        .containsExactlyInAnyOrder(
            "volback.yml:5:17: policies[0].drill.schedule: invalid cron expression '0 0 6 * *':"
                + " Unexpected end of expression. (Quartz cron, seconds first: \"0 0 3 * * ?\" is"
                + " 03:00 daily)",
            "volback.yml:6:11: policies[0].drill.on: unknown host 'nowhere' (hosts: default)",
            "volback.yml:7:13: policies[0].drill.keep: expected true or false, got 'maybe'",
            "volback.yml:8:14: policies[0].drill.probe.image: missing: the image the probe runs"
                + " (on the target host)",
            "volback.yml:8:39: policies[0].drill.probe.mount: expected an absolute path in the"
                + " probe container, got 'data'",
            "volback.yml:8:54: policies[0].drill.probe.timeout: must be more than zero",
            "volback.yml:8:58: policies[0].drill.probe.imgae: unknown key (did you mean"
                + " 'image'?)",
            "volback.yml:9:7: policies[0].drill.wen: unknown key (did you mean 'on'?)");
  }

  @Test
  void drillWithoutScheduleIsNamed() {
    assertThat(
            problems(
                """
                policies:
                  - name: db
                    schedule: "0 0 3 * * ?"
                    drill: {keep: true}
                """))
        .containsExactly(
            "volback.yml:4:12: policies[0].drill.schedule: missing: a Quartz cron expression such"
                + " as \"0 0 3 * * ?\"");
  }

  @Test
  void drillLabelsParse() throws ConfigException {
    VolumeLabelSettings s =
        VolumeLabels.parse(
            "pgdata",
            Map.of(
                "volback.drill.schedule", "*/2 * * * * ?",
                "volback.drill.image", "alpine:3",
                "volback.drill.command", "test -f /restored/a",
                "volback.drill.mount", "/restored"),
            UTC);
    assertThat(s.drill())
        .isEqualTo(
            new DrillLabels(
                Optional.of(new CronSchedule("*/2 * * * * ?", UTC)),
                "alpine:3",
                "test -f /restored/a",
                "/restored"));
  }

  @Test
  void scratchVolumeLabelsAreNotErrors() throws ConfigException {
    VolumeLabelSettings s =
        VolumeLabels.parse(
            "volback-drill-x",
            Map.of(
                "volback.drill", "true",
                "volback.drill.source", "pgdata",
                "volback.drill.owner", "h/1",
                "volback.drill.started", "2026-01-01T00:00:00Z"),
            UTC);
    assertThat(s.drill()).isEqualTo(DrillLabels.NONE);
  }

  @Test
  void badDrillLabelsAreNamedWithTheirVolume() {
    assertThatThrownBy(
            () ->
                VolumeLabels.parse(
                    "pgdata",
                    new java.util.TreeMap<>(
                        Map.of(
                            "volback.drill.schedule", "weekly",
                            "volback.drill.mount", "data",
                            "volback.drill.image", " ",
                            "volback.drill.imag", "alpine")),
                    UTC))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "volume pgdata: label volback.drill.imag: unknown volback label (did you"
                            + " mean 'volback.drill.image'?)",
                        "volume pgdata: label volback.drill.schedule: invalid cron expression"
                            + " 'weekly': Illegal characters for this position: 'WEE' (Quartz"
                            + " cron, seconds first: \"0 0 3 * * ?\" is 03:00 daily)",
                        "volume pgdata: label volback.drill.image: is empty",
                        "volume pgdata: label volback.drill.mount: expected an absolute path in"
                            + " the probe container, got 'data'"));
  }
}

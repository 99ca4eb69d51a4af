package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.config.ConfigLoader;
import io.volback.config.CronSchedule;
import io.volback.config.ServiceConfig;
import io.volback.docker.VolumeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which protected volumes are drilled, when, where and with which probe: labels over policy. */
@Timeout(30)
class DrillPlanTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final String YAML =
      String.join(
          "\n",
          "repository: {location: /srv/repo, password-env: PW}",
          "hosts: [{name: a, address: \"unix:///run/a.sock\"}, {name: b, address: \"unix:///run/b.sock\"}]",
          "policies:",
          "  - name: db",
          "    hosts: [a]",
          "    select: {volume-labels: {tier: db}}",
          "    schedule: \"0 0 3 * * ?\"",
          "    drill:",
          "      schedule: \"0 0 6 ? * SUN\"",
          "      on: b",
          "      probe: {image: \"pg:16\", command: \"pg_isready\", mount: /var/lib/pg, timeout: 1m}",
          "  - name: web",
          "    select: {volume-labels: {tier: web}}",
          "    schedule: \"0 0 3 * * ?\"",
          "");

  private static List<ProtectedVolume> protect(VolumeInfo... volumes) throws Exception {
    ServiceConfig config = ConfigLoader.parse(YAML, Path.of("volback.yml"), UTC);
    return new ServicePlan(config).protect("a", List.of(volumes)).volumes();
  }

  private static VolumeInfo volume(String name, Map<String, String> labels) {
    return new VolumeInfo(
        "a", name, "local", Map.of(), labels, "local", Optional.empty(), null, false, List.of());
  }

  @Test
  void thePolicysDrillAppliesWithItsTargetHostAndProbe() throws Exception {
    DrillPlan.Plan plan = DrillPlan.of(protect(volume("pgdata", Map.of("tier", "db"))), UTC);
    assertThat(plan.problems()).isEmpty();
    DrillPlan.DrilledVolume v = plan.volumes().get(0);
    assertThat(v.name()).isEqualTo("pgdata");
    assertThat(v.schedule()).isEqualTo(new CronSchedule("0 0 6 ? * SUN", UTC));
    assertThat(v.ownSchedule()).isFalse();
    assertThat(v.targetHost()).isEqualTo("b");
    assertThat(v.probe())
        .isEqualTo(new ProbeSpec("pg:16", "pg_isready", "/var/lib/pg", Duration.ofMinutes(1)));
  }

  @Test
  void labelsWinOverThePolicyAndAPolicyWithoutDrillIsNotDrilled() throws Exception {
    DrillPlan.Plan plan =
        DrillPlan.of(
            protect(
                volume(
                    "pgdata",
                    Map.of(
                        "tier", "db",
                        "volback.drill.schedule", "*/2 * * * * ?",
                        "volback.drill.command", "pg_isready -h /run",
                        "volback.drill.mount", "/data")),
                volume("www", Map.of("tier", "web")),
                volume(
                    "labelled",
                    Map.of(
                        "volback.schedule", "0 0 1 * * ?",
                        "volback.drill.schedule", "0 0 2 * * ?"))),
            UTC);
    assertThat(plan.volumes())
        .extracting(DrillPlan.DrilledVolume::name)
        .containsExactly("pgdata", "labelled");
    DrillPlan.DrilledVolume pg = plan.volumes().get(0);
    assertThat(pg.ownSchedule()).isTrue();
    assertThat(pg.probe())
        .isEqualTo(new ProbeSpec("pg:16", "pg_isready -h /run", "/data", Duration.ofMinutes(1)));
    DrillPlan.DrilledVolume labelled = plan.volumes().get(1);
    assertThat(labelled.targetHost()).isEqualTo("a");
    assertThat(labelled.probe()).isNull();
  }

  @Test
  void aProbeLabelWithoutItsOtherHalfIsAProblemNamingTheVolume() throws Exception {
    DrillPlan.Plan plan =
        DrillPlan.of(
            protect(
                volume(
                    "cache",
                    Map.of(
                        "volback.schedule", "0 0 1 * * ?",
                        "volback.drill.schedule", "0 0 2 * * ?",
                        "volback.drill.image", "redis:7"))),
            UTC);
    assertThat(plan.volumes()).isEmpty();
    assertThat(plan.problems())
        .containsExactly(
            "volume cache: label volback.drill.command: missing: a drill probe needs both"
                + " volback.drill.image and volback.drill.command (or a probe in its policy's"
                + " drill section)");
  }
}

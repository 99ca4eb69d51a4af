package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.config.ConfigLoader;
import io.volback.config.ServiceConfig;
import io.volback.docker.VolumeInfo;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ServicePlan names the volumes that two policies select, and keeps the first policy's. */
class ServicePlanConflictsTest {
  private static final String YAML =
      String.join(
          "\n",
          "repository: {location: /srv/repo, password-env: PW}",
          "hosts: [{name: a, address: \"unix:///run/a.sock\"}]",
          "policies:",
          "  - name: db",
          "    select: {volume-labels: {tier: db}}",
          "    schedule: \"0 0 3 * * ?\"",
          "  - name: critical",
          "    select: {volume-labels: {critical: \"true\"}}",
          "    schedule: \"0 0 * * * ?\"",
          "");

  @Test
  void aVolumeTwoPoliciesSelectIsAConflictNamingBothAndTheFirstPolicyKeepsIt() throws Exception {
    ServicePlan.Plan plan =
        new ServicePlan(config())
            .protect(
                "a",
                List.of(
                    volume("pgdata", Map.of("tier", "db", "critical", "true")),
                    volume("cache", Map.of("tier", "db"))));

    assertThat(plan.conflicts())
        .containsExactly(
            "volume pgdata on host a is selected by policies 'db' and 'critical'; it is backed up"
                + " by policy 'db' only (the first in the file): a volume may belong to one policy"
                + " only");
    assertThat(plan.volumes()).extracting(v -> v.policy().name()).containsExactly("db", "db");
    assertThat(plan.problems()).isEmpty();
  }

  @Test
  void aVolumeThatOptsOutIsNoConflict() throws Exception {
    ServicePlan.Plan plan =
        new ServicePlan(config())
            .protect(
                "a",
                List.of(
                    volume(
                        "pgdata",
                        Map.of("tier", "db", "critical", "true", "volback.enable", "false"))));

    assertThat(plan.volumes()).isEmpty();
    assertThat(plan.conflicts()).isEmpty();
  }

  private static ServiceConfig config() throws Exception {
    return ConfigLoader.parse(YAML, Path.of("volback.yml"), ZoneId.of("UTC"));
  }

  private static VolumeInfo volume(String name, Map<String, String> labels) {
    return new VolumeInfo(
        "unix:///run/a.sock",
        name,
        "local",
        Map.of(),
        labels,
        "local",
        Optional.empty(),
        "/var/lib/docker/volumes/" + name + "/_data",
        false,
        List.of());
  }
}

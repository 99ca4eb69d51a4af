package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.app.ScratchVolumes;
import io.volback.docker.DockerHost;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A drill's scratch volume on a real engine: `backup --all` never takes it, `volumes` marks it. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DrillScratchVolumesLeftAloneTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DockerHost A = DockerEngines.a();

  @TempDir Path tmp;

  @AfterAll
  static void removeVolumes() {
    TestDocker.removeAll(A);
  }

  @Test
  void backupAllSkipsDrillScratchVolumesAndVolumesMarksThem() throws Exception {
    String mark = "drill-cli-" + UUID.randomUUID().toString().substring(0, 8);
    String app = TestDocker.createVolume(A, "app", Map.of(), Map.of(mark, "yes"));
    String scratch =
        TestDocker.createVolume(
            A,
            "scratch",
            Map.of(),
            Map.of(
                mark,
                "yes",
                ScratchVolumes.DRILL_LABEL,
                "true",
                ScratchVolumes.OWNER_LABEL,
                "elsewhere/1",
                ScratchVolumes.STARTED_LABEL,
                Instant.now().toString()));
    Map<String, String> env =
        Map.of(
            "VOLBACK_REPOSITORY", tmp.resolve("repo").toString(),
            "VOLBACK_PASSWORD_FILE", Cli.passwordFile(tmp, "pw").toString(),
            "DOCKER_HOST", DockerEngines.addressA());
    assertThat(VolbackProcess.run(env, "init").exitCode()).isZero();

    Cli.Result backup =
        VolbackProcess.run(env, "--json", "backup", "--all", "--label", mark, "--dry-run");

    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    List<String> previewed = new ArrayList<>();
    for (String line : backup.out().split("\n")) {
      JsonNode n = JSON.readTree(line);
      if ("dry_run".equals(n.path("message_type").asText())) {
        previewed.add(n.get("volume").asText());
      }
    }
    assertThat(previewed).containsExactly(app);

    Cli.Result volumes = VolbackProcess.run(env, "volumes", "--label", mark);
    assertThat(volumes.exitCode()).as(volumes.toString()).isZero();
    assertThat(volumes.out()).contains(scratch + " (drill scratch)");
    assertThat(volumes.out()).doesNotContain(app + " (drill scratch)");
  }
}

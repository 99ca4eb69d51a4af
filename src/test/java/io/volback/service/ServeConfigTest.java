package io.volback.service;

import static io.volback.service.ServeZeroConfigTest.awaitRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.testsupport.Cli;
import io.volback.testsupport.HttpReceiver;
import io.volback.testsupport.ServeProcess;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service from a configuration file, on a real S3 server and engine A: a policy selecting a
 * volume by label backs it up on schedule, forget+prune and check run from the maintenance section,
 * the webhook and ping URLs hear of the runs, and the trigger endpoint needs the token.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServeConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  private ServiceSetup setup;

  @BeforeEach
  void repository() throws Exception {
    setup = new ServiceSetup(tmp);
  }

  @AfterEach
  void cleanUp() {
    setup.removeAll();
  }

  private Path config(HttpReceiver receiver, Path token) throws Exception {
    return setup.config(
        "labelled",
        setup.s3.endpoint(),
        "    retention: {last: 1}",
        "    tags: [service]",
        "maintenance:",
        "  forget-prune: {schedule: \"*/5 * * * * ?\", max-unused: unlimited}",
        "  check: {schedule: \"*/6 * * * * ?\", read-data-subset: 50%}",
        "server:",
        "  token-file: " + token,
        "notifications:",
        "  webhook: {url: \"" + receiver.url("/hook") + "\", on-success: true, timeout: 2s}",
        "  ping: {url: \"" + receiver.url("/ping") + "\", timeout: 2s}",
        "scheduler:",
        "  retries: 1",
        "  retry-backoff: 1s");
  }

  @Test
  void aPolicyBacksUpOnScheduleAndMaintenanceNotificationsAndTheTokenWork() throws Exception {
    String volume = setup.selectedVolume("policy");
    String decoy = TestDocker.createVolume(setup.a, "decoy");
    Files.writeString(setup.mountpoint(volume).resolve("data.txt"), "policy data\n");
    Path token = tmp.resolve("token");
    Files.writeString(token, "s3cret-token\n");
    try (HttpReceiver receiver = HttpReceiver.start();
        ServeProcess serve = setup.serve(config(receiver, token))) {
      JsonNode backup = awaitRun(serve, volume, "succeeded", Duration.ofSeconds(60));
      assertThat(backup.path("job").asText()).isEqualTo("backup/labelled/engine-a");
      assertThat(backup.path("docker_host").asText()).isEqualTo("engine-a");
      JsonNode policies = JSON.readTree(serve.get("/api/v1/policies").body());
      assertThat(policies.size()).isEqualTo(1);
      assertThat(policies.get(0).path("name").asText()).isEqualTo("labelled");
      assertThat(policies.get(0).path("hosts").toString()).isEqualTo("[\"engine-a\"]");
      assertThat(policies.get(0).path("retention").toString()).isEqualTo("{\"last\":1}");
      assertThat(policies.get(0).path("jobs").get(0).path("id").asText())
          .isEqualTo("backup/labelled/engine-a");
      assertThat(policies.get(0).path("jobs").get(0).path("next_fire_time").asText()).isNotEmpty();

      // Backups every 2 s hold shared locks; a forget+prune that finds no gap fails and is
      // retried, so the test waits for one that succeeded.
      awaitKind(serve, "forget_prune", "succeeded", Duration.ofSeconds(90));
      awaitKind(serve, "check", "succeeded", Duration.ofSeconds(60));

      String job = "/api/v1/jobs/backup/labelled/engine-a/run";
      assertThat(serve.post(job, null).statusCode()).isEqualTo(401);
      assertThat(serve.post(job, "wrong").statusCode()).isEqualTo(401);
      assertThat(serve.post(job, "s3cret-token").statusCode()).isEqualTo(202);

      assertThat(receiver.requests())
          .anySatisfy(
              r -> {
                assertThat(r.path()).isEqualTo("/hook");
                JsonNode event = JSON.readTree(r.body());
                assertThat(event.path("volume").asText()).isEqualTo(volume);
                assertThat(event.path("outcome").asText()).isEqualTo("succeeded");
                assertThat(event.path("docker_host").asText()).isEqualTo("engine-a");
              })
          .anySatisfy(r -> assertThat(r.path()).isEqualTo("/ping/start"))
          .anySatisfy(r -> assertThat(r.path()).isEqualTo("/ping"));
      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
      assertThat(serve.stderr()).doesNotContain("s3cret-token").doesNotContain("pw\n");
    }
    Cli.Result snapshots = setup.volback("--json", "snapshots");
    assertThat(snapshots.exitCode()).as(snapshots.err()).isZero();
    JsonNode list = JSON.readTree(snapshots.out());
    assertThat(list.findValuesAsText("name")).contains(volume).doesNotContain(decoy);
    assertThat(list.toString()).contains("\"service\"");
  }

  @Test
  void aBadConfigurationIsOneClearErrorWithFileAndLineAndNothingStarts() throws Exception {
    Path file = tmp.resolve("bad.yml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "repository:",
            "  location: /tmp/nowhere",
            "policies:",
            "  - name: p",
            "    schedule: \"0 0 3 * *\"",
            "    retention: {lats: 3}",
            ""));
    for (String mode : new String[] {"--check-config", "--listen=127.0.0.1:0"}) {
      Cli.Result r =
          VolbackProcess.run(
              setup.env,
              "serve",
              "--config",
              file.toString(),
              mode,
              "--state-dir",
              tmp.resolve("state").toString());
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err())
          .contains("bad.yml:5:")
          .contains("policies[0].schedule")
          .contains("bad.yml:6:")
          .contains("lats");
      assertThat(r.out()).doesNotContain("listening");
    }
    assertThat(tmp.resolve("state")).doesNotExist();
  }

  private static JsonNode awaitKind(ServeProcess serve, String kind, String outcome, Duration limit)
      throws Exception {
    return ServiceSetup.awaitRun(
        serve,
        outcome + " " + kind,
        limit,
        r -> kind.equals(r.path("kind").asText()) && outcome.equals(r.path("outcome").asText()));
  }
}

package io.volback.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.docker.DockerHost;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.ServeProcess;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.VolbackProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero-config mode through the real entry point: no config file, the repository, password and
 * Docker host from the command line and environment; a volume labelled volback.schedule is backed
 * up on that schedule, and the HTTP endpoints show it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ServeZeroConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  private String repo;
  private Map<String, String> env;

  @BeforeEach
  void repository() throws Exception {
    repo = tmp.resolve("repo").toString();
    env = Map.of("VOLBACK_PASSWORD_FILE", Cli.passwordFile(tmp, "pw").toString());
    assertThat(VolbackProcess.run(env, "-r", repo, "init").exitCode()).isZero();
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  @Test
  void aVolumeWithAScheduleLabelIsBackedUpOnItsScheduleAndTheEndpointsShowIt() throws Exception {
    String volume =
        TestDocker.createVolume(a, "zero", Map.of(), Map.of("volback.schedule", "*/2 * * * * ?"));
    Path data = Path.of("/var/lib/docker/volumes", volume, "_data");
    Files.writeString(data.resolve("hello.txt"), "hello from the service\n");

    try (ServeProcess serve = ServiceSetup.serveZeroConfig(tmp, env, repo)) {
      JsonNode run = awaitRun(serve, volume, "succeeded", Duration.ofSeconds(60));
      assertThat(run.path("kind").asText()).isEqualTo("backup");
      assertThat(run.path("job").asText()).isEqualTo("volume/default/" + volume);
      assertThat(run.path("snapshot_id").asText()).hasSize(64);

      assertThat(serve.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(serve.get("/readyz").statusCode()).isEqualTo(200);
      String metrics = serve.get("/metrics").body();
      assertThat(metrics)
          .containsPattern(
              "volback_backup_last_successful_timestamp_seconds\\{[^}]*volume=\""
                  + volume
                  + "\"[^}]*\\} [0-9.eE+]+");
      JsonNode jobs = JSON.readTree(serve.get("/api/v1/jobs").body());
      assertThat(jobs.toString()).contains("volume/default/" + volume).contains("*/2 * * * * ?");
      JsonNode volumes = JSON.readTree(serve.get("/api/v1/volumes").body());
      assertThat(volumes.toString()).contains(volume).contains(run.path("snapshot_id").asText());

      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
      assertThat(serve.stderr()).contains("volume " + volume + ": succeeded");
    }
    Cli.Result ls = VolbackProcess.run(env, "-r", repo, "ls", "latest", "--volume", volume);
    assertThat(ls.exitCode()).as(ls.err()).isZero();
    assertThat(ls.out()).contains("/hello.txt");
  }

  @Test
  void checkConfigWithoutAFileListsTheLabelledVolumesJobAndADailyForgetPruneAndStartsNothing()
      throws Exception {
    String volume =
        TestDocker.createVolume(
            a,
            "zero",
            Map.of(),
            Map.of("volback.schedule", "0 0 3 * * ?", "volback.retention", "last=3,daily=7"));
    Cli.Result r =
        VolbackProcess.run(
            env,
            "-r",
            repo,
            "-H",
            DockerEngines.addressA(),
            "serve",
            "--check-config",
            "--state-dir",
            tmp.resolve("state").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("configuration is valid")
        .contains("volume/default/" + volume)
        .containsPattern("forget-prune +0 30 4 \\* \\* \\?");
    assertThat(tmp.resolve("state")).doesNotExist();
  }

  @Test
  void aMalformedScheduleLabelFailsTheCheckAndIsLoggedWhileTheServiceGoesOn() throws Exception {
    String volume =
        TestDocker.createVolume(a, "zero", Map.of(), Map.of("volback.schedule", "every day"));
    Cli.Result check =
        VolbackProcess.run(
            env, "-r", repo, "-H", DockerEngines.addressA(), "serve", "--check-config");
    assertThat(check.exitCode()).isEqualTo(2);
    assertThat(check.err()).contains("volume " + volume).contains("volback.schedule");

    try (ServeProcess serve = ServiceSetup.serveZeroConfig(tmp, env, repo)) {
      assertThat(serve.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
      assertThat(serve.stderr())
          .contains("volume " + volume)
          .contains("volback.schedule")
          .contains("not backed up until it is fixed");
    }
  }

  /**
   * GET /api/v1/volumes and /readyz read what the service's catalog last saw of the repository and
   * the Docker hosts: a request neither opens the repository (a scrypt key derivation) nor lists
   * the hosts' volumes.
   */
  @Test
  void theVolumeListAndReadinessAreAnsweredFromMemoryBetweenRefreshes() throws Exception {
    String volume =
        TestDocker.createVolume(a, "catalog", Map.of(), Map.of("volback.schedule", "0 0 3 * * ?"));
    try (ServeProcess serve =
        ServiceSetup.serveZeroConfig(tmp, env, repo, "--rescan-interval", "10m")) {
      assertThat(volumes(serve).toString()).contains(volume);
      long start = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        assertThat(volumes(serve).toString()).contains(volume);
      }
      System.out.printf(
          "ServeZeroConfigTest: 10 GET /api/v1/volumes in %d ms%n",
          (System.nanoTime() - start) / 1_000_000);

      // With the repository gone, an answer that still lists the volume cannot have read it.
      Path away = tmp.resolve("repo-away");
      Files.move(Path.of(repo), away);
      try {
        HttpResponse<String> list = serve.get("/api/v1/volumes");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(volume);
        assertThat(serve.get("/readyz").statusCode()).isEqualTo(200);
      } finally {
        Files.move(away, Path.of(repo));
      }
      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  private static JsonNode volumes(ServeProcess serve) throws Exception {
    HttpResponse<String> r = serve.get("/api/v1/volumes");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** The newest run of volume with outcome, waiting for it at most limit. */
  static JsonNode awaitRun(ServeProcess serve, String volume, String outcome, Duration limit)
      throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      Optional<JsonNode> run = findRun(serve, volume, outcome);
      if (run.isPresent()) {
        return run.get();
      }
      if (!serve.process().isAlive()) {
        throw new AssertionError("serve exited:\n" + serve.stderr());
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "no " + outcome + " run of " + volume + " within " + limit + ":\n" + serve.stderr());
  }

  static Optional<JsonNode> findRun(ServeProcess serve, String volume, String outcome)
      throws Exception {
    JsonNode runs = JSON.readTree(serve.get("/api/v1/runs?limit=200").body());
    for (JsonNode r : runs) {
      if (volume.equals(r.path("volume").asText()) && outcome.equals(r.path("outcome").asText())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}

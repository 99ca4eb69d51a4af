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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/v1/volumes and /readyz read what the service's catalog last saw of the repository and
 * the Docker hosts: a request neither opens the repository (a scrypt key derivation) nor lists the
 * hosts' volumes.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeCatalogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int REQUESTS = 10;
  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  private Path repo;
  private Map<String, String> env;

  @BeforeEach
  void repository() throws Exception {
    repo = tmp.resolve("repo");
    env = Map.of("VOLBACK_PASSWORD_FILE", Cli.passwordFile(tmp, "pw").toString());
    assertThat(VolbackProcess.run(env, "-r", repo.toString(), "init").exitCode()).isZero();
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  @Test
  void theVolumeListAndReadinessAreAnsweredFromMemoryBetweenRefreshes() throws Exception {
    String volume =
        TestDocker.createVolume(a, "catalog", Map.of(), Map.of("volback.schedule", "0 0 3 * * ?"));
    try (ServeProcess serve =
        ServiceSetup.serveZeroConfig(tmp, env, repo.toString(), "--rescan-interval", "10m")) {
      assertThat(volumes(serve).toString()).contains(volume);
      long start = System.nanoTime();
      for (int i = 0; i < REQUESTS; i++) {
        assertThat(volumes(serve).toString()).contains(volume);
      }
      System.out.printf(
          "ServeCatalogTest: %d GET /api/v1/volumes in %d ms%n",
          REQUESTS, (System.nanoTime() - start) / 1_000_000);

      // With the repository gone, an answer that still lists the volume cannot have read it.
      Path away = tmp.resolve("repo-away");
      Files.move(repo, away);
      try {
        HttpResponse<String> list = serve.get("/api/v1/volumes");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(volume);
        assertThat(serve.get("/readyz").statusCode()).isEqualTo(200);
      } finally {
        Files.move(away, repo);
      }
      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  private static JsonNode volumes(ServeProcess serve) throws Exception {
    HttpResponse<String> r = serve.get("/api/v1/volumes");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two policies whose label selectors take the same volume on engine A: a conflict the file alone
 * does not show. --check-config warns and exits 0 (the service would run, with the first policy);
 * the running service warns once per scan of the hosts, not once per backup run, and backs the
 * volume up with the first policy only.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServePolicyConflictTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  private Path repo;
  private Path password;
  private String label;
  private String volume;

  @BeforeEach
  void repositoryAndVolume() throws Exception {
    repo = tmp.resolve("repo");
    password = Cli.passwordFile(tmp, "pw");
    Cli.Result init =
        VolbackProcess.run(Map.of(), "-r", repo.toString(), "-p", password.toString(), "init");
    assertThat(init.exitCode()).as(init.err()).isZero();
    label = UUID.randomUUID().toString();
    volume = TestDocker.createVolume(a, "conflict", Map.of(), Map.of("volback-test-tier", label));
    Files.writeString(Path.of("/var/lib/docker/volumes", volume, "_data", "f.txt"), "data\n");
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  private Path config() throws Exception {
    String select = "    select: {volume-labels: {volback-test-tier: \"" + label + "\"}}";
    String yaml =
        String.join(
            "\n",
            "repository:",
            "  location: " + repo,
            "  password-file: " + password,
            "hosts:",
            "  - name: engine-a",
            "    address: " + DockerEngines.addressA(),
            "policies:",
            "  - name: first",
            select,
            "    schedule: \"*/2 * * * * ?\"",
            "  - name: second",
            select,
            "    schedule: \"0 0 3 * * ?\"",
            "");
    Path file = tmp.resolve("volback.yml");
    Files.writeString(file, yaml);
    return file;
  }

  private String warning() {
    return "volback: warning: volume "
        + volume
        + " on host engine-a is selected by policies 'first' and 'second'";
  }

  @Test
  void checkConfigWarnsOfTwoPoliciesSelectingOneVolumeAndExitsZero() throws Exception {
    Cli.Result r =
        VolbackProcess.run(Map.of(), "serve", "--config", config().toString(), "--check-config");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains(warning()).contains("backed up by policy 'first' only");
    assertThat(r.err().lines().filter(l -> l.contains(volume))).hasSize(1);
    assertThat(r.out()).contains("configuration is valid").contains("backup/first/engine-a");
  }

  @Test
  void theServiceWarnsOncePerScanNotPerRunAndBacksUpWithTheFirstPolicy() throws Exception {
    try (ServeProcess serve =
        ServeProcess.start(
            tmp.resolve("logs"),
            Map.of(),
            ServiceSetup.configArgs(config(), tmp.resolve("state"), "--rescan-interval", "10m"))) {
      List<JsonNode> runs = awaitRuns(serve, 2, Duration.ofSeconds(60));

      assertThat(runs)
          .allSatisfy(r -> assertThat(r.path("job").asText()).isEqualTo("backup/first/engine-a"))
          .allSatisfy(r -> assertThat(r.path("policy").asText()).isEqualTo("first"));
      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
      String conflict =
          "volume " + volume + " on host engine-a is selected by policies 'first' and 'second'";
      assertThat(count(serve.stderr(), conflict)).as(serve.stderr()).isEqualTo(1);
    }
  }

  private List<JsonNode> awaitRuns(ServeProcess serve, int wanted, Duration limit)
      throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      List<JsonNode> found = new ArrayList<>();
      for (JsonNode r : JSON.readTree(serve.get("/api/v1/runs?limit=200").body())) {
        if (volume.equals(r.path("volume").asText())
            && "succeeded".equals(r.path("outcome").asText())) {
          found.add(r);
        }
      }
      if (found.size() >= wanted) {
        return found;
      }
      if (!serve.process().isAlive()) {
        throw new AssertionError("serve exited:\n" + serve.stderr());
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "fewer than "
            + wanted
            + " runs of "
            + volume
            + " within "
            + limit
            + ":\n"
            + serve.stderr());
  }

  private static int count(String text, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}

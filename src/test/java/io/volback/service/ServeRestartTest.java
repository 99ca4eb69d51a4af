package io.volback.service;

import static java.util.stream.Collectors.toSet;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-instance service (memory store) across a restart with the same state directory: fires
 * missed while it was down are caught up by one run, and the run history from before is still
 * there.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EVERY = Duration.ofSeconds(10);
  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  private ServeProcess serve(String repo, Map<String, String> env, String name) throws Exception {
    return ServeClusterTest.startDespiteForeignLabels(
        tmp.resolve("logs-" + name), env, ServiceSetup.zeroConfigArgs(repo, tmp.resolve("state")));
  }

  @Test
  void firesMissedWhileDownAreCaughtUpOnceAndTheHistorySurvivesTheRestart() throws Exception {
    String repo = tmp.resolve("repo").toString();
    Map<String, String> env =
        Map.of("VOLBACK_PASSWORD_FILE", Cli.passwordFile(tmp, "pw").toString());
    assertThat(VolbackProcess.run(env, "-r", repo, "init").exitCode()).isZero();
    String volume =
        TestDocker.createVolume(
            a, "restart", Map.of(), Map.of("volback.schedule", "*/10 * * * * ?"));
    Files.writeString(Path.of("/var/lib/docker/volumes", volume, "_data", "a.txt"), "before\n");

    try (ServeProcess first = serve(repo, env, "first")) {
      ServeZeroConfigTest.awaitRun(first, volume, "succeeded", Duration.ofSeconds(40));
      assertThat(first.terminate(Duration.ofSeconds(60))).isZero();
    }
    List<JsonNode> before = new ArrayList<>();
    // Zero-config protects every labelled volume of the engine, also other tests' running beside
    // this one: only this volume's records count.
    for (String line : Files.readAllLines(tmp.resolve("state/run-history.jsonl"))) {
      JsonNode record = JSON.readTree(line);
      if (volume.equals(record.path("volume").asText())) {
        before.add(record);
      }
    }
    assertThat(before).isNotEmpty();
    Instant lastFire =
        before.stream()
            .map(r -> Instant.parse(r.path("scheduled").asText()))
            .max(Instant::compareTo)
            .orElseThrow();

    // Down over two fire times: lastFire + 10 s and lastFire + 20 s.
    Instant restartAt = lastFire.plus(EVERY.multipliedBy(2)).plusMillis(300);
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), restartAt).toMillis()));
    try (ServeProcess second = serve(repo, env, "second")) {
      awaitScheduledAtLeast(second, volume, nextFire(Instant.now()), Duration.ofSeconds(40));
      List<JsonNode> after = ServeClusterTest.records(second, volume);
      assertThat(after.stream().map(r -> r.path("run_id").asText()))
          .as("the records from before the restart")
          .containsAll(before.stream().map(r -> r.path("run_id").asText()).toList());

      // The fires since the restart, oldest first: the caught-up one, then the schedule's own.
      Set<String> old = before.stream().map(r -> r.path("run_id").asText()).collect(toSet());
      List<Instant> fires =
          after.stream()
              .filter(r -> !old.contains(r.path("run_id").asText()))
              .peek(r -> assertThat(r.path("outcome").asText()).isEqualTo("succeeded"))
              .map(r -> Instant.parse(r.path("scheduled").asText()))
              .sorted()
              .toList();
      assertThat(fires).as("fires run since the restart").hasSizeGreaterThanOrEqualTo(2);
      Instant caughtUp = fires.get(0);
      assertThat(second.stderr())
          .as("the catch-up of the latest missed fire")
          .contains("missed its fire at " + caughtUp + "; running it once now");
      assertThat(caughtUp)
          .as("the latest missed fire, not the first")
          .isAfterOrEqualTo(lastFire.plus(EVERY.multipliedBy(2)));
      for (int i = 1; i < fires.size(); i++) {
        assertThat(Duration.between(fires.get(i - 1), fires.get(i)))
            .as("one run per fire since the restart: %s", fires)
            .isEqualTo(EVERY);
      }
      assertThat(second.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  /** The first fire of the every-10-s schedule after t. */
  private static Instant nextFire(Instant t) {
    long seconds = (t.getEpochSecond() / 10 + 1) * 10;
    return Instant.ofEpochSecond(seconds);
  }

  private static void awaitScheduledAtLeast(
      ServeProcess serve, String volume, Instant fire, Duration limit) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode r : ServeClusterTest.records(serve, volume)) {
        if (!Instant.parse(r.path("scheduled").asText()).isBefore(fire)) {
          return;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no run for the fire at " + fire + ":\n" + serve.stderr());
  }
}

package io.volback.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.app.ScratchVolumes;
import io.volback.concurrent.ProcessOwner;
import io.volback.docker.DockerHost;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.HttpReceiver;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.ServeProcess;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.VolbackProcess;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drills in the service (child JVM, engine A): a policy's drill section fires every 2 s beside its
 * backups; a passing drill shows in /metrics and /api/v1/drills and never overlaps a backup of its
 * volume; a drill of a damaged repository fails, reaches the webhook and sets volback_drill_success
 * to 0; no scratch volume outlives SIGTERM.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ServeDrillTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  private String volume(String selectLabel) throws Exception {
    String volume =
        TestDocker.createVolume(a, "drilled", Map.of(), Map.of("volback-test-drill", selectLabel));
    Path data = Path.of("/var/lib/docker/volumes", volume, "_data");
    Files.writeString(data.resolve("data.txt"), "drilled data\n".repeat(200));
    Files.createDirectories(data.resolve("sub"));
    Files.write(data.resolve("sub/blob.bin"), new byte[64 * 1024]);
    return volume;
  }

  private Path config(String repositoryLines, String selectLabel, String webhook) throws Exception {
    String yaml =
        String.join(
            "\n",
            repositoryLines,
            "hosts:",
            "  - name: engine-a",
            "    address: " + DockerEngines.addressA(),
            "policies:",
            "  - name: drilled",
            "    select:",
            "      volume-labels: {volback-test-drill: \"" + selectLabel + "\"}",
            "    schedule: \"*/3 * * * * ?\"",
            "    drill: {schedule: \"*/2 * * * * ?\", on: engine-a}",
            webhook == null
                ? ""
                : "notifications:\n  webhook: {url: \"" + webhook + "\", timeout: 2s}",
            "scheduler:",
            "  retries: 0",
            "  max-concurrent-per-host: 3",
            "");
    Path file = tmp.resolve("volback.yml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void aScheduledDrillPassesShowsInMetricsAndApiAndNeverOverlapsABackup() throws Exception {
    S3ProxyServer s3 = S3ProxyServer.shared();
    String bucket = "drill-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    Path password = Cli.passwordFile(tmp, "pw");
    Map<String, String> env =
        Map.of(
            "AWS_ACCESS_KEY_ID", s3.accessKey(),
            "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
            "AWS_REGION", "us-east-1");
    String repo = "s3://" + bucket + "/svc";
    Cli.Result init =
        VolbackProcess.run(
            env,
            "-r",
            repo,
            "--s3-endpoint",
            s3.endpoint().toString(),
            "-p",
            password.toString(),
            "init");
    assertThat(init.exitCode()).as(init.err()).isZero();
    String selectLabel = UUID.randomUUID().toString();
    String volume = volume(selectLabel);
    String repositoryLines =
        String.join(
            "\n",
            "repository:",
            "  location: " + repo,
            "  password-file: " + password,
            "  s3: {endpoint: \"" + s3.endpoint() + "\", path-style: true}");
    try (ServeProcess serve = serve(env, config(repositoryLines, selectLabel, null))) {
      JsonNode drill = awaitDrill(serve, volume, "succeeded", Duration.ofSeconds(90));
      assertThat(drill.path("job").asText()).isEqualTo("drill/drilled/engine-a");
      assertThat(drill.path("bytes_read").asLong()).isEqualTo(200 * 13 + 64 * 1024);

      String metrics = serve.get("/metrics").body();
      String labels = "{docker_host=\"engine-a\",volume=\"" + volume + "\"}";
      assertThat(metric(metrics, "volback_drill_success" + labels)).isEqualTo(1.0);
      assertThat(metric(metrics, "volback_drill_rto_seconds" + labels)).isPositive();
      assertThat(metric(metrics, "volback_drill_rpo_seconds" + labels)).isPositive();
      assertThat(metric(metrics, "volback_drill_bytes_verified" + labels))
          .isEqualTo(200 * 13 + 64 * 1024);
      assertThat(metric(metrics, "volback_drill_last_timestamp_seconds" + labels)).isPositive();

      JsonNode drills = JSON.readTree(serve.get("/api/v1/drills?volume=" + volume).body());
      assertThat(drills.size()).isPositive();
      assertThat(drills.get(0).path("volume").asText()).isEqualTo(volume);
      assertThat(drills.get(0).path("outcome").asText()).isEqualTo("passed");
      assertThat(drills.get(0).path("files_verified").asLong()).isGreaterThanOrEqualTo(2);
      assertThat(drills.get(0).path("snapshot_id").asText())
          .isEqualTo(drill.path("snapshot_id").asText());
      List<String> times = drills.findValuesAsText("time");
      assertThat(times).isSortedAccordingTo((x, y) -> Instant.parse(y).compareTo(Instant.parse(x)));
      assertThat(JSON.readTree(serve.get("/api/v1/drills?volume=nothing-" + volume).body()))
          .isEmpty();

      // Let backups (every 3 s) and drills (every 2 s) meet a few more times.
      Instant deadline = Instant.now().plusSeconds(40);
      while (Instant.now().isBefore(deadline) && ran(serve, volume, "drill") < 3) {
        Thread.sleep(500);
      }
      assertNoOverlap(serve, volume);
      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
    }
    assertThat(scratchVolumesOf(volume)).isEmpty();
    // The records outlive the service: the CLI reads them back from the repository.
    Cli.Result listed =
        VolbackProcess.run(
            env,
            "-r",
            repo,
            "--s3-endpoint",
            s3.endpoint().toString(),
            "-p",
            password.toString(),
            "--json",
            "drills",
            "--volume",
            volume);
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    JsonNode records = JSON.readTree(listed.out());
    assertThat(records.findValuesAsText("outcome")).isNotEmpty().contains("passed");
    assertThat(records.findValuesAsText("volume")).containsOnly(volume);

    // A restarted service shows the last drill in /metrics before it runs one: read from drills/.
    String never = "0 0 0 1 1 ? 2099";
    String yaml =
        Files.readString(config(repositoryLines, selectLabel, null))
            .replace("*/3 * * * * ?", never)
            .replace("*/2 * * * * ?", never);
    Path quiet = Files.writeString(tmp.resolve("quiet.yml"), yaml);
    try (ServeProcess serve = serve(env, quiet)) {
      String series = "volback_drill_success{docker_host=\"engine-a\",volume=\"" + volume + "\"}";
      Instant deadline = Instant.now().plusSeconds(60);
      String metrics = serve.get("/metrics").body();
      while (!metrics.contains(series) && Instant.now().isBefore(deadline)) {
        Thread.sleep(250);
        metrics = serve.get("/metrics").body();
      }
      assertThat(metric(metrics, series)).isEqualTo(1.0);
      double last =
          records.findValuesAsText("time").stream()
              .mapToDouble(t -> Instant.parse(t).toEpochMilli() / 1000.0)
              .max()
              .orElseThrow();
      assertThat(metric(metrics, series.replace("_success", "_last_timestamp_seconds")))
          .isCloseTo(last, org.assertj.core.data.Offset.offset(0.002));
      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  @Test
  void aDrillOfADamagedPackFailsReachesTheWebhookAndSetsSuccessToZero() throws Exception {
    Path repo = tmp.resolve("repo");
    Path password = Cli.passwordFile(tmp, "pw");
    Cli.Result init =
        VolbackProcess.run(Map.of(), "-r", repo.toString(), "-p", password.toString(), "init");
    assertThat(init.exitCode()).as(init.err()).isZero();
    String selectLabel = UUID.randomUUID().toString();
    String volume = volume(selectLabel);
    String repositoryLines = "repository:\n  location: " + repo + "\n  password-file: " + password;
    try (HttpReceiver receiver = HttpReceiver.start();
        ServeProcess serve =
            serve(Map.of(), config(repositoryLines, selectLabel, receiver.url("/hook")))) {
      awaitRun(serve, volume, "backup", "succeeded", Duration.ofSeconds(60));
      corruptPacks(repo);
      JsonNode failed =
          awaitRun(
              serve,
              volume,
              "drill",
              "failed",
              Duration.ofSeconds(60),
              r -> r.path("error").asText().contains("mismatches"));
      // Every pack is damaged: the drill names the first object that failed, the root tree's.
      assertThat(failed.path("error").asText())
          .startsWith("drill failed: ")
          .contains("failed authentication");
      String metrics = serve.get("/metrics").body();
      assertThat(
              metric(
                  metrics,
                  "volback_drill_success{docker_host=\"engine-a\",volume=\"" + volume + "\"}"))
          .isEqualTo(0.0);
      Instant deadline = Instant.now().plusSeconds(10);
      while (Instant.now().isBefore(deadline) && drillHooks(receiver, volume).isEmpty()) {
        Thread.sleep(200);
      }
      JsonNode event = drillHooks(receiver, volume).get(0);
      assertThat(event.path("kind").asText()).isEqualTo("drill");
      assertThat(event.path("outcome").asText()).isEqualTo("failed");
      assertThat(event.path("job").asText()).isEqualTo("drill/drilled/engine-a");
      assertThat(event.path("error").asText()).contains("mismatches, first: /");
      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
    }
    assertThat(scratchVolumesOf(volume)).isEmpty();
  }

  @Test
  void theServiceRemovesAKilledDrillsScratchVolumeAtStartAndKeepsALiveOnes() throws Exception {
    Path repo = tmp.resolve("repo");
    Path password = Cli.passwordFile(tmp, "pw");
    Cli.Result init =
        VolbackProcess.run(Map.of(), "-r", repo.toString(), "-p", password.toString(), "init");
    assertThat(init.exitCode()).as(init.err()).isZero();
    String source = TestDocker.uniqueName("killed-drill-source");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor(10, TimeUnit.SECONDS);
    Map<String, String> killed =
        new java.util.HashMap<>(ScratchVolumes.labels(source, Instant.now()));
    // The service runs under a machine name of its own, so that no other volback on this engine
    // (other tests' drills and services clean up leftovers too) counts this leftover as its own.
    String machine = TestDocker.uniqueName("drill-host");
    killed.put(ScratchVolumes.OWNER_LABEL, ProcessOwner.machine(machine) + "/" + gone.pid());
    String leftover = TestDocker.createVolume(a, "volback-drill-leftover", Map.of(), killed);
    String live =
        TestDocker.createVolume(
            a, "volback-drill-live", Map.of(), ScratchVolumes.labels(source, Instant.now()));
    String repositoryLines = "repository:\n  location: " + repo + "\n  password-file: " + password;
    try (ServeProcess serve =
        serve(
            Map.of("HOSTNAME", machine),
            config(repositoryLines, UUID.randomUUID().toString(), null))) {
      assertThat(scratchVolumesOf(source)).containsExactly(live).doesNotContain(leftover);
      assertThat(serve.stderr()).contains("removed the leftover drill scratch volume " + leftover);
      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  private ServeProcess serve(Map<String, String> env, Path config) throws Exception {
    return ServeProcess.start(
        tmp.resolve("logs"), env, ServiceSetup.configArgs(config, tmp.resolve("state")));
  }

  private static List<JsonNode> drillHooks(HttpReceiver receiver, String volume) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (HttpReceiver.Request r : receiver.requests()) {
      JsonNode e = JSON.readTree(r.body());
      if (e.path("kind").asText().equals("drill")
          && e.path("volume").asText().equals(volume)
          && e.path("error").asText().contains("mismatches")) {
        out.add(e);
      }
    }
    return out;
  }

  /** Flips bytes in the middle of every pack, so that every blob's authentication fails. */
  private static void corruptPacks(Path repo) throws Exception {
    try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
      for (Path pack : files.filter(Files::isRegularFile).toList()) {
        try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
          for (long at = 0; at < f.length(); at += 97) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
          }
        }
      }
    }
  }

  private List<String> scratchVolumesOf(String volume) {
    var volumes =
        a.client()
            .listVolumesCmd()
            .withFilter("label", List.of("volback.drill.source=" + volume))
            .exec()
            .getVolumes();
    return volumes == null ? List.of() : volumes.stream().map(v -> v.getName()).toList();
  }

  private static JsonNode awaitDrill(
      ServeProcess serve, String volume, String outcome, Duration limit) throws Exception {
    return awaitRun(serve, volume, "drill", outcome, limit);
  }

  private static JsonNode awaitRun(
      ServeProcess serve, String volume, String kind, String outcome, Duration limit)
      throws Exception {
    return awaitRun(serve, volume, kind, outcome, limit, r -> true);
  }

  private static JsonNode awaitRun(
      ServeProcess serve,
      String volume,
      String kind,
      String outcome,
      Duration limit,
      Predicate<JsonNode> also)
      throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode r : JSON.readTree(serve.get("/api/v1/runs?limit=500").body())) {
        if (volume.equals(r.path("volume").asText())
            && kind.equals(r.path("kind").asText())
            && outcome.equals(r.path("outcome").asText())
            && also.test(r)) {
          return r;
        }
      }
      if (!serve.process().isAlive()) {
        throw new AssertionError("serve exited:\n" + serve.stderr());
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "no "
            + outcome
            + " "
            + kind
            + " of "
            + volume
            + " within "
            + limit
            + ":\n"
            + serve.stderr());
  }

  private static long ran(ServeProcess serve, String volume, String kind) throws Exception {
    long n = 0;
    for (JsonNode r : JSON.readTree(serve.get("/api/v1/runs?limit=2000").body())) {
      if (volume.equals(r.path("volume").asText())
          && kind.equals(r.path("kind").asText())
          && !r.path("outcome").asText().equals("skipped")) {
        n++;
      }
    }
    return n;
  }

  /** No drill of volume ran while a backup of it did (skipped runs did nothing). */
  private static void assertNoOverlap(ServeProcess serve, String volume) throws Exception {
    List<Instant[]> backups = new ArrayList<>();
    List<Instant[]> drills = new ArrayList<>();
    for (JsonNode r : JSON.readTree(serve.get("/api/v1/runs?limit=2000").body())) {
      if (!volume.equals(r.path("volume").asText())
          || r.path("outcome").asText().equals("skipped")) {
        continue;
      }
      Instant[] span = {
        Instant.parse(r.path("start").asText()), Instant.parse(r.path("end").asText())
      };
      if (r.path("kind").asText().equals("backup")) {
        backups.add(span);
      } else if (r.path("kind").asText().equals("drill")) {
        drills.add(span);
      }
    }
    assertThat(backups).hasSizeGreaterThanOrEqualTo(2);
    assertThat(drills).hasSizeGreaterThanOrEqualTo(2);
    for (Instant[] d : drills) {
      for (Instant[] b : backups) {
        assertThat(d[1].isBefore(b[0]) || b[1].isBefore(d[0]))
            .as("drill %s..%s overlaps backup %s..%s", d[0], d[1], b[0], b[1])
            .isTrue();
      }
    }
  }

  private static double metric(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    assertThat(m.find()).as("%s in\n%s", series, text).isTrue();
    return Double.parseDouble(m.group(1));
  }
}

package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.app.ScratchVolumes;
import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.Processes;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.Signals;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestTrees;
import io.volback.testsupport.VolbackProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `volback drill` and `volback drills` through the real entry point (child JVMs): a drill onto the
 * second engine from an S3 repository, a damaged local repository, usage errors, and the cleanup of
 * a drill killed with SIGKILL.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DrillCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DockerHost A = DockerEngines.a();
  private static final DockerHost B = DockerEngines.b();

  @TempDir static Path tmp;
  private static Map<String, String> s3Env;
  private static String source;
  private static String sleeper;
  private static List<String> sourceTree;

  private static Path localRepo;
  private static String damaged;
  private static String fine;
  private static final List<String> sources = new ArrayList<>();

  @BeforeAll
  static void backUpVolumes() throws Exception {
    S3ProxyServer s3 = S3ProxyServer.shared();
    String bucket = "drill-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    Path id = Files.writeString(tmp.resolve("id"), s3.accessKey() + "\n");
    Path secret = Files.writeString(tmp.resolve("secret"), s3.secretKey() + "\n");
    s3Env =
        Map.of(
            "VOLBACK_REPOSITORY", "s3://" + bucket + "/repo",
            "VOLBACK_PASSWORD_FILE", Cli.passwordFile(tmp, "drill-pw").toString(),
            "VOLBACK_S3_ENDPOINT", s3.endpoint().toString(),
            "VOLBACK_S3_PATH_STYLE", "true",
            "AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID_FILE", id.toString(),
            "AWS_SECRET_ACCESS_KEY_FILE", secret.toString());
    ok(VolbackProcess.run(s3Env, "init"));
    source = volume(A, "drill-cli-src");
    Path dir = mountpoint(A, source);
    Files.createDirectories(dir.resolve("etc/app"));
    Files.writeString(dir.resolve("etc/app/app.conf"), "mode=production\n");
    writeRandom(dir.resolve("data.bin"), 300_000, 1);
    Files.writeString(dir.resolve("README"), "hello\n");
    Files.createSymbolicLink(dir.resolve("link"), Path.of("README"));
    sourceTree = TestTrees.describe(dir);
    sleeper = TestDocker.runSleeper(A, source, "/data", false);
    ok(VolbackProcess.run(s3Env, "-H", DockerEngines.addressA(), "backup", source));

    localRepo = tmp.resolve("local-repo");
    damaged = volume(A, "drill-cli-bad");
    writeRandom(mountpoint(A, damaged).resolve("precious.db"), 1 << 20, 2);
    Files.writeString(mountpoint(A, damaged).resolve("notes.txt"), "notes\n");
    fine = volume(A, "drill-cli-fine");
    writeRandom(mountpoint(A, fine).resolve("fine.bin"), 100_000, 3);
    ok(local("init"));
    ok(local("-H", DockerEngines.addressA(), "backup", damaged));
    List<Path> packsOfDamaged = dataObjects(localRepo);
    ok(local("-H", DockerEngines.addressA(), "backup", fine));
    Path pack = packsOfDamaged.stream().max(Comparator.comparingLong(DrillCommandTest::size)).get();
    flipBytes(pack, size(pack) / 2);
  }

  @AfterAll
  static void removeVolumes() {
    for (DockerHost h : List.of(A, B)) {
      for (String s : sources) {
        scratchVolumes(h, s).forEach(v -> h.client().removeVolumeCmd(v).exec());
      }
    }
    TestDocker.removeAll(A);
    TestDocker.removeAll(B);
  }

  @Test
  void drillOntoTheSecondEngineFromS3PassesReportsRtoRpoAndLeavesNothingBehind() throws Exception {
    Cli.Result r =
        VolbackProcess.run(
            s3Env, "--json", "drill", "--volume", source, "--on", DockerEngines.addressB());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode drill = drillLine(r.out());
    assertThat(drill.get("outcome").asText()).isEqualTo("passed");
    assertThat(drill.get("volume").asText()).isEqualTo(source);
    assertThat(drill.get("target_host").asText()).isEqualTo(DockerEngines.addressB());
    assertThat(drill.get("rto_seconds").asDouble()).isPositive();
    assertThat(drill.get("rpo_seconds").asDouble()).isPositive();
    assertThat(drill.get("restore_seconds").asDouble()).isPositive();
    assertThat(drill.get("files_verified").asLong()).isEqualTo(3);
    assertThat(drill.get("bytes_verified").asLong()).isGreaterThanOrEqualTo(300_000);
    assertThat(drill.get("mismatch_count").asLong()).isZero();
    assertThat(drill.get("scratch_kept").asBoolean()).isFalse();
    assertThat(r.out()).doesNotContain("drill-pw");
    assertThat(scratchVolumes(B, source)).as("scratch volume removed").isEmpty();
    assertThat(TestTrees.describe(mountpoint(A, source))).isEqualTo(sourceTree);
    assertThat(A.client().inspectContainerCmd(sleeper).exec().getState().getRunning()).isTrue();

    // read back from the repository by a new process that has only the bucket and the password
    Cli.Result listed = VolbackProcess.run(s3Env, "--json", "drills", "--volume", source);
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    JsonNode records = JSON.readTree(listed.out());
    assertThat(records).hasSize(1);
    assertThat(records.get(0).get("id").asText()).isEqualTo(drill.get("id").asText());
    assertThat(records.get(0).get("rto_seconds")).isEqualTo(drill.get("rto_seconds"));
    assertThat(records.get(0).has("message_type")).isFalse();

    Cli.Result table = VolbackProcess.run(s3Env, "drills");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out()).contains(source, "passed", drill.get("short_id").asText());
  }

  @Test
  void aCorruptedPackFailsTheDrillWithExitOneNamingTheAffectedFile() throws Exception {
    Cli.Result json =
        local("--json", "drill", "--volume", damaged, "--on", DockerEngines.addressB());

    assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
    JsonNode drill = drillLine(json.out());
    assertThat(drill.get("outcome").asText()).isEqualTo("failed");
    assertThat(drill.get("mismatches").toString()).contains("precious.db");
    assertThat(json.err()).contains("precious.db");
    assertThat(scratchVolumes(B, damaged)).isEmpty();

    Cli.Result text = local("drill", "--volume", damaged, "--on", DockerEngines.addressB());
    assertThat(text.exitCode()).as(text.toString()).isEqualTo(1);
    assertThat(text.err())
        .contains("volback: error: drill of volume " + damaged + " failed")
        .contains("precious.db");
    assertThat(text.out()).contains("FAILED", "mismatch: ", "precious.db");
  }

  @Test
  void drillAllWithOneDamagedAndOneFineVolumeExitsThree() throws Exception {
    Cli.Result r = local("--json", "drill", "--all", "--on", DockerEngines.addressB());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    Map<String, String> outcomes = new HashMap<>();
    for (String line : r.out().split("\n")) {
      JsonNode n = JSON.readTree(line);
      if ("drill".equals(n.path("message_type").asText())) {
        outcomes.put(n.get("volume").asText(), n.get("outcome").asText());
      }
    }
    assertThat(outcomes).containsEntry(damaged, "failed").containsEntry(fine, "passed").hasSize(2);
  }

  @Test
  void usageErrorsExitTwoNamingTheOption() throws Exception {
    assertUsage(local("drill"), "--volume");
    assertUsage(local("drill", "--all", "--volume", fine), "--all");
    assertUsage(local("drill", "--all", "--snapshot", "latest"), "--snapshot");
    assertUsage(
        local("drill", "--volume", fine, "--volume", damaged, "--snapshot", "latest"),
        "--snapshot");
    assertUsage(local("drill", "--volume", fine, "--probe-command", "true"), "--probe-image");
    assertUsage(local("drill", "--volume", fine, "--probe-image", "busybox"), "--probe-command");
    assertUsage(local("drill", "--volume", fine, "--probe-timeout", "5m"), "--probe-timeout");
    assertUsage(local("drills", "--last", "0"), "--last");
  }

  @Test
  void aVolumeWithoutSnapshotsIsAClearErrorNamingIt() throws Exception {
    Cli.Result r = local("drill", "--volume", "no-such-volume", "--on", DockerEngines.addressB());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().strip())
        .startsWith("volback: error: ")
        .contains("no-such-volume")
        .doesNotContain("Exception", "\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aDrillKilledWithSigkillLeavesAScratchVolumeThatTheNextDrillRemoves() throws Exception {
    Path repo = tmp.resolve("kill-repo");
    String big = volume(A, "drill-cli-big");
    writeRandom(mountpoint(A, big).resolve("big.bin"), 96 << 20, 4);
    // A machine name of its own: other volback processes on engine B (other tests' drills clean
    // up leftovers too) must not count the killed drill's scratch volume as theirs.
    Map<String, String> env = new java.util.HashMap<>(localEnv(repo));
    env.put("HOSTNAME", TestDocker.uniqueName("drill-host"));
    ok(VolbackProcess.run(env, "init"));
    ok(VolbackProcess.run(env, "-H", DockerEngines.addressA(), "backup", big));

    Process p =
        VolbackProcess.builder(env, "drill", "--volume", big, "--on", DockerEngines.addressB())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("killed.out").toFile())
            .start();
    String scratch = null;
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (scratch == null && p.isAlive() && System.nanoTime() < deadline) {
      List<String> found = scratchVolumes(B, big);
      scratch = found.isEmpty() ? null : found.get(0);
      Thread.sleep(20);
    }
    assertThat(scratch).as("scratch volume seen before the drill ended").isNotNull();
    Signals.send(p.pid(), "KILL");
    Processes.awaitOrKill(p, Duration.ofSeconds(30), "killed drill");
    assertThat(scratchVolumes(B, big)).containsExactly(scratch);

    Cli.Result next =
        VolbackProcess.run(env, "drill", "--volume", big, "--on", DockerEngines.addressB());

    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(next.err())
        .contains("volback: warning: removed scratch volume " + scratch)
        .contains("interrupted drill");
    assertThat(scratchVolumes(B, big)).isEmpty();
  }

  private static void assertUsage(Cli.Result r, String option) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith("volback: error: ").contains(option);
    assertThat(r.err().lines().count()).as(r.err()).isLessThanOrEqualTo(2);
  }

  private static JsonNode drillLine(String out) throws IOException {
    for (String line : out.split("\n")) {
      JsonNode n = JSON.readTree(line);
      if ("drill".equals(n.path("message_type").asText())) {
        return n;
      }
    }
    throw new AssertionError("no drill line in " + out);
  }

  private static Cli.Result local(String... args) throws Exception {
    return VolbackProcess.run(localEnv(localRepo), args);
  }

  private static Map<String, String> localEnv(Path repo) throws IOException {
    return Map.of(
        "VOLBACK_REPOSITORY", repo.toString(),
        "VOLBACK_PASSWORD_FILE", Cli.passwordFile(tmp, "local-pw").toString());
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private static String volume(DockerHost h, String prefix) {
    String name = TestDocker.createVolume(h, prefix);
    sources.add(name);
    return name;
  }

  private static Path mountpoint(DockerHost h, String volume) throws Exception {
    return Path.of(VolumeDiscovery.get(h, volume).mountpoint());
  }

  /** The scratch volumes of drills of source on host. */
  private static List<String> scratchVolumes(DockerHost h, String source) {
    var volumes =
        h.client()
            .listVolumesCmd()
            .withFilter("label", List.of(ScratchVolumes.SOURCE_LABEL + "=" + source))
            .exec()
            .getVolumes();
    List<String> names = new ArrayList<>();
    if (volumes != null) {
      volumes.forEach(v -> names.add(v.getName()));
    }
    return names;
  }

  private static void writeRandom(Path file, int size, long seed) throws IOException {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    Files.write(file, bytes);
  }

  private static List<Path> dataObjects(Path repo) throws IOException {
    try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void flipBytes(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      for (int i = 0; i < 8; i++) {
        f.seek(offset + i);
        int b = f.read();
        f.seek(offset + i);
        f.write(~b);
      }
    }
  }
}

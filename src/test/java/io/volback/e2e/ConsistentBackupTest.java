package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.EngineEvents;
import io.volback.testsupport.Processes;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.Signals;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestImages;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consistent backups on a real engine: a writer appending numbered records (each in two writes) to
 * a file in a volume, labelled volback.stop=true, and a reader sharing the volume; stop mode and
 * exec hooks through the real entry point.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsistentBackupTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RECORD = Pattern.compile("begin (\\d+) end (\\d+)");

  /** Finishes the record it is writing on SIGTERM, so a stopped writer leaves whole records. */
  private static final String WRITER =
      "s=; trap 's=1' TERM; i=$(cat /data/count 2>/dev/null || echo 0); while [ -z \"$s\" ]; do"
          + " i=$((i+1)); echo -n \"begin $i \" >> /data/log; echo \"end $i\" >> /data/log;"
          + " echo $i > /data/count; sleep 0.005; done";

  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  Path passwordFile;
  String repo;

  @BeforeEach
  void repository() throws Exception {
    repo = tmp.resolve("repo").toString();
    passwordFile = Cli.passwordFile(tmp, "pw");
    assertThat(volback("init").exitCode()).isZero();
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  private Cli.Result volback(String... args) throws Exception {
    return volback(Map.of(), args);
  }

  private Cli.Result volback(Map<String, String> env, String... args) throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of("-r", repo, "--password-file", passwordFile.toString(), "-H", a.address()));
    all.addAll(Arrays.asList(args));
    return VolbackProcess.run(env, all.toArray(String[]::new));
  }

  private String container(
      List<String> volumes, Map<String, String> labels, String script, boolean start)
      throws Exception {
    List<Bind> binds = new ArrayList<>();
    for (int i = 0; i < volumes.size(); i++) {
      binds.add(
          new Bind(volumes.get(i), new Volume(i == 0 ? "/data" : "/data" + i), AccessMode.rw));
    }
    String id =
        a.client()
            .createContainerCmd(TestImages.busybox(a))
            .withName(TestDocker.uniqueName("hooks"))
            .withCmd("sh", "-c", script)
            .withLabels(TestDocker.testLabels(labels))
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withBinds(binds))
            .exec()
            .getId();
    if (start) {
      a.client().startContainerCmd(id).exec();
    }
    return id;
  }

  private String writer(String volume) throws Exception {
    String id = container(List.of(volume), Map.of("volback.stop", "true"), WRITER, true);
    Path log = mountpoint(volume).resolve("log");
    await("the writer writes", () -> Files.exists(log) && log.toFile().length() > 100);
    return id;
  }

  private String reader(String volume) throws Exception {
    return container(List.of(volume), Map.of(), "sleep 3600", true);
  }

  private Path mountpoint(String volume) throws Exception {
    return Path.of(VolumeDiscovery.get(a, volume).mountpoint());
  }

  private InspectContainerResponse.ContainerState state(String id) {
    return a.client().inspectContainerCmd(id).exec().getState();
  }

  private String name(String id) {
    return a.client().inspectContainerCmd(id).exec().getName().replaceFirst("^/", "");
  }

  private static void await(String what, BooleanSupplier condition) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting until " + what).isBefore(deadline);
      Thread.sleep(10);
    }
  }

  /** The latest snapshot of the volume, restored into a directory. */
  private Path restored(String volume) throws Exception {
    Path target = tmp.resolve("restored-" + volume);
    Cli.Result r = volback("restore", "latest", "--volume", volume, "--target", target.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return target;
  }

  private static void assertWholeRecords(String log) {
    assertThat(log).endsWith("\n");
    String[] lines = log.split("\n");
    assertThat(lines.length).isGreaterThan(5);
    for (String line : lines) {
      Matcher m = RECORD.matcher(line);
      assertThat(m.matches()).as("a whole record: '" + line + "'").isTrue();
      assertThat(m.group(1)).isEqualTo(m.group(2));
    }
  }

  private static List<JsonNode> hookLines(String out) throws Exception {
    List<JsonNode> hooks = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("{")) {
        JsonNode node = JSON.readTree(line);
        if (node.path("message_type").asText().equals("hook")) {
          hooks.add(node);
        }
      }
    }
    return hooks;
  }

  @Test
  void labelledWriterIsStoppedDuringTheBackupAndRunningAfterwardsWhileTheReaderRunsOn()
      throws Exception {
    String volume = TestDocker.createVolume(a, "hooks-writer");
    String writer = writer(volume);
    String reader = reader(volume);
    String writerStarted = state(writer).getStartedAt();
    String readerStarted = state(reader).getStartedAt();

    Cli.Result r = volback("backup", volume);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("hook: container " + name(writer) + " stopped")
        .contains("hook: container " + name(writer) + " started again")
        .doesNotContain(name(reader));
    assertThat(state(writer).getRunning()).isTrue();
    assertThat(state(writer).getStartedAt()).isNotEqualTo(writerStarted);
    assertThat(state(reader).getStartedAt()).isEqualTo(readerStarted);
    assertWholeRecords(Files.readString(restored(volume).resolve("log")));
  }

  @Test
  void hookLinesUnderJsonAndTheDryRunSaysWhatItWouldDoWithoutDoingIt() throws Exception {
    String volume = TestDocker.createVolume(a, "hooks-json");
    String writer = writer(volume);
    String writerStarted = state(writer).getStartedAt();

    Cli.Result dry = volback("--json", "backup", "--dry-run", volume);
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    List<JsonNode> planned = hookLines(dry.out());
    assertThat(planned).extracting(n -> n.get("action").asText()).containsExactly("stop", "start");
    assertThat(planned.get(0).get("dry_run").asBoolean()).isTrue();
    assertThat(state(writer).getStartedAt()).isEqualTo(writerStarted);
    Cli.Result dryText = volback("backup", "--dry-run", volume);
    assertThat(dryText.out()).contains("would stop container " + name(writer) + " (for " + volume);

    Cli.Result r = volback("--json", "backup", volume);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<JsonNode> hooks = hookLines(r.out());
    assertThat(hooks).extracting(n -> n.get("action").asText()).containsExactly("stop", "start");
    assertThat(hooks).allSatisfy(n -> assertThat(n.get("outcome").asText()).isEqualTo("ok"));
    assertThat(hooks.get(0).get("container").asText()).isEqualTo(name(writer));
    assertThat(hooks.get(0).get("volumes").get(0).asText()).isEqualTo(volume);

    Cli.Result ignored = volback("backup", "--no-hooks", volume);
    assertThat(ignored.exitCode()).as(ignored.toString()).isZero();
    assertThat(ignored.out()).doesNotContain("hook:");
  }

  @Test
  void containerThatWasAlreadyStoppedStaysStopped() throws Exception {
    String volume = TestDocker.createVolume(a, "hooks-stopped");
    String idle = container(List.of(volume), Map.of("volback.stop", "true"), WRITER, false);

    Cli.Result r = volback("backup", volume);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).doesNotContain("hook:");
    assertThat(state(idle).getRunning()).isFalse();
    assertThat(state(idle).getStartedAt()).startsWith("0001-01-01");
  }

  @Test
  void containerOnTwoVolumesOfTheRunIsStoppedOnceForBoth() throws Exception {
    String first = TestDocker.createVolume(a, "hooks-two-a");
    String second = TestDocker.createVolume(a, "hooks-two-b");
    String both = container(List.of(first, second), Map.of("volback.stop", "true"), WRITER, false);
    Cli.Result r;
    List<String> actions;
    try (EngineEvents engine = EngineEvents.record(a, List.of("stop", "start"), both)) {
      a.client().startContainerCmd(both).exec();
      await("the writer writes", () -> state(both).getRunning());
      r = volback("--json", "backup", first, second);
      actions = engine.actions(both);
    }

    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<JsonNode> hooks = hookLines(r.out());
    assertThat(hooks).extracting(n -> n.get("action").asText()).containsExactly("stop", "start");
    assertThat(hooks.get(0).get("volumes"))
        .extracting(JsonNode::asText)
        .containsExactly(first, second);
    assertThat(state(both).getRunning()).isTrue();
    // The engine saw the container started by the test, then one stop and one start by volback.
    assertThat(actions).containsExactly("start", "stop", "start");
  }

  @Test
  void execPreHookWritesAFileThatIsInTheSnapshot() throws Exception {
    String volume = TestDocker.createVolume(a, "hooks-pre");
    String app = container(List.of(volume), Map.of(), "sleep 3600", true);

    Cli.Result r =
        volback(
            "-v",
            "backup",
            volume,
            "--exec-pre",
            name(app) + "=echo dumped > /data/dump.txt; echo pre-output",
            "--exec-post",
            name(app) + "=rm /data/dump.txt");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("hook: exec-pre in container " + name(app))
        .contains("pre-output")
        .contains("hook: exec-post in container " + name(app));
    assertThat(Files.readString(restored(volume).resolve("dump.txt"))).isEqualTo("dumped\n");
    assertThat(Files.exists(mountpoint(volume).resolve("dump.txt"))).isFalse();
  }

  @Test
  void hookThatTimesOutFailsTheBackupWithOnErrorFailButNotWithContinue() throws Exception {
    String volume = TestDocker.createVolume(a, "hooks-timeout");
    Map<String, String> labels = new HashMap<>();
    labels.put("volback.exec.pre", "sleep 30");
    labels.put("volback.exec.timeout", "1s");
    labels.put("volback.stop", "true");
    String app = container(List.of(volume), labels, "sleep 3600", true);

    Cli.Result failing = volback("backup", volume);
    assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(1);
    assertThat(failing.err())
        .contains("volback: error: volume " + volume + ": container " + name(app))
        .contains("timed out after 1s");
    assertThat(state(app).getRunning()).isTrue();
    assertThat(volback("snapshots").out()).contains("0 snapshots");

    Cli.Result going = volback("backup", volume, "--exec-on-error", "continue");
    assertThat(going.exitCode()).as(going.toString()).isZero();
    assertThat(going.err()).contains("volback: warning: exec-pre in container " + name(app));
    assertThat(state(app).getRunning()).isTrue();
  }

  @Test
  void malformedLabelFailsTheVolumeNamingContainerAndKey() throws Exception {
    String volume = TestDocker.createVolume(a, "hooks-badlabel");
    String app = container(List.of(volume), Map.of("volback.stop", "yes"), "sleep 3600", true);

    Cli.Result r = volback("backup", volume);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "container " + name(app) + ": label volback.stop: 'yes' is neither true nor false");
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void backupThatThrowsStartsTheWriterAgain() throws Exception {
    String volume = TestDocker.createVolume(a, "hooks-throws");
    String writer = writer(volume);

    // The mountpoint is not visible under this directory: --read-path mountpoint fails mid-run.
    Cli.Result r =
        volback(
            Map.of("VOLBACK_VOLUMES_DIR", tmp.resolve("nowhere").toString()),
            "backup",
            volume,
            "--read-path",
            "mountpoint");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains("hook: container " + name(writer) + " started again");
    assertThat(state(writer).getRunning()).isTrue();
  }

  @Test
  void backupThatFailsWhenS3BecomesUnreachableStartsTheWriterAgain() throws Exception {
    String volume = TestDocker.createVolume(a, "hooks-s3");
    bigFiles(volume, 12);
    String writer = writer(volume);
    S3ProxyServer s3 = S3ProxyServer.start();
    boolean s3Running = true;
    try {
      s3.createBucket("hooks");
      Path id = Files.writeString(tmp.resolve("id"), s3.accessKey() + "\n");
      Path secret = Files.writeString(tmp.resolve("secret"), s3.secretKey() + "\n");
      Map<String, String> env =
          Map.of(
              "VOLBACK_S3_ENDPOINT", s3.endpoint().toString(),
              "VOLBACK_S3_PATH_STYLE", "true",
              "AWS_REGION", "us-east-1",
              "AWS_ACCESS_KEY_ID_FILE", id.toString(),
              "AWS_SECRET_ACCESS_KEY_FILE", secret.toString());
      String[] globals = {
        "-r", "s3://hooks/repo", "--password-file", passwordFile.toString(), "-H", a.address()
      };
      Cli.Result init = VolbackProcess.run(env, concat(globals, "init"));
      assertThat(init.exitCode()).as(init.toString()).isZero();
      Process p =
          VolbackProcess.builder(env, concat(globals, "backup", volume, "--read-path", "api"))
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("backup.log").toFile())
              .start();
      await("the writer is stopped", () -> !state(writer).getRunning() || !p.isAlive());
      s3.close();
      s3Running = false;
      int code = Processes.awaitOrKill(p, Duration.ofMinutes(2), "backup to S3");
      String log = Files.readString(tmp.resolve("backup.log"));
      assertThat(code).as(log).isEqualTo(1);
      assertThat(log).contains("started again");
    } finally {
      if (s3Running) {
        s3.close();
      }
    }
    assertThat(state(writer).getRunning()).isTrue();
  }

  @Test
  void sigtermDuringAStopModeBackupLeavesTheWriterRunning() throws Exception {
    String volume = TestDocker.createVolume(a, "hooks-sigterm");
    bigFiles(volume, 40);
    String writer = writer(volume);
    Process p =
        VolbackProcess.builder(
                Map.of(),
                "-r",
                repo,
                "--password-file",
                passwordFile.toString(),
                "-H",
                a.address(),
                "backup",
                volume,
                "--read-path",
                "api")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("backup.log").toFile())
            .start();
    await(
        "the backup reads with the writer stopped",
        () ->
            !p.isAlive()
                || (!state(writer).getRunning() && !TestDocker.helpersOf(a, volume).isEmpty()));
    assertThat(p.isAlive()).as(Files.readString(tmp.resolve("backup.log"))).isTrue();
    Signals.send(p.pid(), "TERM");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(tmp.resolve("backup.log"));
    assertThat(p.exitValue()).as(log).isEqualTo(130);
    await("the writer runs again", () -> state(writer).getRunning());
    // Either the interrupted backup or the shutdown hook starts it, never both.
    assertThat(log)
        .containsPattern("started (container \\S+ )?again")
        .doesNotContain("did not start again", "Shutdown in progress");
  }

  private void bigFiles(String volume, int count) throws Exception {
    Path dir = mountpoint(volume);
    Random random = new Random(7);
    byte[] block = new byte[8 << 20];
    for (int i = 0; i < count; i++) {
      random.nextBytes(block);
      Files.write(dir.resolve("big" + i), block);
    }
  }

  private static String[] concat(String[] first, String... rest) {
    List<String> all = new ArrayList<>(Arrays.asList(first));
    all.addAll(Arrays.asList(rest));
    return all.toArray(String[]::new);
  }
}

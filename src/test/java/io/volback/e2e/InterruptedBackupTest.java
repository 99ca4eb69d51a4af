package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.Signals;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestTrees;
import io.volback.testsupport.TestTrees.Option;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backup process that is interrupted (SIGTERM, SIGINT: exit 130 after the cleanup) or killed
 * (SIGKILL) mid-way through the Docker API.
 */
class InterruptedBackupTest {
  private static final Duration LIMIT = Duration.ofSeconds(10);
  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  String volume;
  Path mountpoint;
  List<String> before;
  Cli cli;

  @BeforeEach
  void bigVolume() throws Exception {
    volume = TestDocker.createVolume(a, "interrupted");
    mountpoint = Path.of(VolumeDiscovery.get(a, volume).mountpoint());
    Random random = new Random(3);
    byte[] block = new byte[8 << 20];
    for (int i = 0; i < 40; i++) {
      random.nextBytes(block);
      Files.write(mountpoint.resolve("f" + i), block);
    }
    before = TestTrees.describe(mountpoint);
    cli =
        new Cli(tmp.resolve("repo").toString(), Cli.passwordFile(tmp, "pw"))
            .with("-H", a.address());
    assertThat(cli.run("init").exitCode()).isZero();
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  private Process startBackup() throws Exception {
    Process p =
        VolbackProcess.builder(
                Map.of(),
                "-r",
                tmp.resolve("repo").toString(),
                "--password-file",
                tmp.resolve("password-" + "pw".hashCode()).toString(),
                "-H",
                a.address(),
                "backup",
                volume,
                "--read-path",
                "api")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("backup.log").toFile())
            .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while ((TestDocker.helpersOf(a, volume).isEmpty() || locks().isEmpty())
        && p.isAlive()
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
    }
    assertThat(p.isAlive())
        .as("backup still running: " + Files.readString(tmp.resolve("backup.log")))
        .isTrue();
    return p;
  }

  private List<Path> locks() throws Exception {
    Path dir = tmp.resolve("repo/locks");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void interruptedBackupExits130AfterRemovingItsHelperAndLock(String signal) throws Exception {
    Process p = startBackup();
    Signals.send(p.pid(), signal);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as("exit code after SIG" + signal + ": " + Files.readString(tmp.resolve("backup.log")))
        .isEqualTo(130);
    assertThat(TestDocker.helpersOf(a, volume)).isEmpty();
    assertThat(TestTrees.describe(mountpoint)).isEqualTo(before);
    assertThat(locks()).as("locks left").isEmpty();
    assertThat(cli.run("snapshots").out()).contains("0 snapshots");
    assertThat(cli.run("backup", volume).exitCode()).isZero();
  }

  @Test
  void helperOfAKilledBackupIsRemovedAndTheNextBackupRestoresByteForByte() throws Exception {
    Process p = startBackup();
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(TestDocker.helpersOf(a, volume)).hasSize(1);
    assertThat(TestTrees.describe(mountpoint)).isEqualTo(before);

    Cli.Result next = cli.run("backup", volume, "--read-path", "api");
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(TestDocker.helpersOf(a, volume)).isEmpty();
    assertThat(cli.run("snapshots").out()).contains("1 snapshot");

    // The follow-up backup may reuse what the killed one stored: it must restore byte for byte.
    String restored = TestDocker.uniqueName("after-kill");
    Cli.Result restore = cli.run("restore", "latest", "--volume", volume, "--to", restored);
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    Path restoredMountpoint = Path.of(VolumeDiscovery.get(a, restored).mountpoint());
    assertThat(
            TestTrees.describe(
                restoredMountpoint, Option.WHOLE_SECOND_MTIMES, Option.IGNORE_XATTRS))
        .isEqualTo(
            TestTrees.describe(mountpoint, Option.WHOLE_SECOND_MTIMES, Option.IGNORE_XATTRS));
  }
}

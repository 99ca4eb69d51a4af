package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import io.volback.testsupport.Processes;
import io.volback.testsupport.TestTrees;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup process killed with SIGKILL leaves a repository that works. */
class CrashRecoveryTest {
  @TempDir Path tmp;

  @Test
  void killedBackupLeavesNoSnapshotAndTheNextBackupRestoresByteForByte() throws Exception {
    Path repo = tmp.resolve("repo");
    Path password = Cli.passwordFile(tmp, "pw");
    Cli cli = new Cli(repo.toString(), password);
    assertThat(cli.run("init").exitCode()).isZero();

    Path small = Files.createDirectory(tmp.resolve("small"));
    TestTrees.populate(small, 5);
    assertThat(cli.run("backup", "--path", small.toString(), "--name", "small").exitCode())
        .isZero();

    Path big = Files.createDirectory(tmp.resolve("big"));
    Random random = new Random(1);
    byte[] block = new byte[8 << 20];
    for (int i = 0; i < 48; i++) {
      random.nextBytes(block);
      Files.write(big.resolve("blob" + i), block);
    }
    Process backup =
        VolbackProcess.builder(
                Map.of(),
                "-r",
                repo.toString(),
                "--password-file",
                password.toString(),
                "backup",
                "--path",
                big.toString(),
                "--name",
                "big")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("killed.log").toFile())
            .start();
    long packsBefore = packs(repo);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (packs(repo) < packsBefore + 3 && backup.isAlive() && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertThat(backup.isAlive()).as("backup still running when killed").isTrue();
    Processes.awaitOrKill(backup.destroyForcibly(), Duration.ofSeconds(30), "the killed backup");
    assertThat(packs(repo)).isGreaterThan(packsBefore);

    Cli.Result list = cli.run("snapshots");
    assertThat(list.out()).contains("small").doesNotContain("big");

    Cli.Result again = cli.run("backup", "--path", big.toString(), "--name", "big");
    assertThat(again.exitCode()).as(again.toString()).isZero();

    assertThat(exported(cli, "small"))
        .isEqualTo(TestTrees.describe(small, TestTrees.Option.IGNORE_XATTRS));
    // The follow-up backup reuses whatever the killed one left in the repository: it must restore
    // intact.
    assertThat(exported(cli, "big"))
        .isEqualTo(TestTrees.describe(big, TestTrees.Option.IGNORE_XATTRS));
  }

  /**
   * Exports the latest snapshot of {@code name}, extracts it with GNU tar and describes the result.
   */
  private List<String> exported(Cli cli, String name) throws Exception {
    Path tar = tmp.resolve(name + ".tar");
    Cli.Result export = cli.run("export", "latest", "--volume", name, "-o", tar.toString());
    assertThat(export.exitCode()).as(export.toString()).isZero();
    Path extracted = Files.createDirectory(tmp.resolve("extracted-" + name));
    TestTrees.run("tar", "-xpf", tar.toString(), "-C", extracted.toString());
    Files.delete(tar);
    return TestTrees.describe(extracted, TestTrees.Option.IGNORE_XATTRS);
  }

  private static long packs(Path repo) throws Exception {
    Path data = repo.resolve("data");
    if (!Files.isDirectory(data)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(data)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .count();
    }
  }
}

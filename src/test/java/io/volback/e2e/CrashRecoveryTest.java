package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import io.volback.testsupport.TestTrees;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup process killed with SIGKILL leaves a repository that works. */
class CrashRecoveryTest {
  @TempDir Path tmp;

  @Test
  void killedBackupLeavesNoSnapshotAndTheRepositoryUsable() throws Exception {
    Path repo = tmp.resolve("repo");
    Path password = Cli.passwordFile(tmp, "pw");
    Cli cli = new Cli(repo.toString(), password);
    assertThat(cli.run("init").exitCode()).isZero();

    Path small = Files.createDirectory(tmp.resolve("small"));
    TestTrees.populate(small, 5);
    assertThat(cli.run("backup", "--path", small.toString(), "--name", "small").exitCode()).isZero();

    Path big = Files.createDirectory(tmp.resolve("big"));
    Random random = new Random(1);
    byte[] block = new byte[8 << 20];
    for (int i = 0; i < 48; i++) {
      random.nextBytes(block);
      Files.write(big.resolve("blob" + i), block);
    }
    Process backup = VolbackProcess.builder(Map.of(), "-r", repo.toString(), "--password-file",
        password.toString(), "backup", "--path", big.toString(), "--name", "big")
        .redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile()).start();
    long packsBefore = packs(repo);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (packs(repo) < packsBefore + 3 && backup.isAlive() && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertThat(backup.isAlive()).as("backup still running when killed").isTrue();
    backup.destroyForcibly().waitFor();
    assertThat(packs(repo)).isGreaterThan(packsBefore);

    Cli.Result list = cli.run("snapshots");
    assertThat(list.out()).contains("small").doesNotContain("big");

    Cli.Result again = cli.run("backup", "--path", big.toString(), "--name", "big");
    assertThat(again.exitCode()).as(again.toString()).isZero();

    Path tar = tmp.resolve("small.tar");
    assertThat(cli.run("export", "latest", "--volume", "small", "-o", tar.toString()).exitCode()).isZero();
    Path extracted = Files.createDirectory(tmp.resolve("extracted"));
    TestTrees.run("tar", "-xpf", tar.toString(), "-C", extracted.toString());
    assertThat(TestTrees.describe(extracted, TestTrees.Option.IGNORE_XATTRS))
        .isEqualTo(TestTrees.describe(small, TestTrees.Option.IGNORE_XATTRS));
  }

  private static long packs(Path repo) throws Exception {
    Path data = repo.resolve("data");
    if (!Files.isDirectory(data)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(data)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith(".")).count();
    }
  }
}

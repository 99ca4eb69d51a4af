package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.Id;
import io.volback.testsupport.Cli;
import io.volback.testsupport.Processes;
import io.volback.testsupport.TestTrees;
import io.volback.testsupport.VolbackProcess;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * prune killed (the JVM halted, as by SIGKILL) after its N-th write or delete of a pack or index
 * object, through the test hook VOLBACK_TEST_CRASH_AFTER; and a backup started while prune holds
 * its lock. Every kept snapshot must still export the same bytes, and the next prune must finish.
 */
@Timeout(900)
class PruneCrashTest {
  @TempDir static Path shared;
  private static Path template;
  private static Path passwordFile;
  private static Path z;
  private static Map<Id, String> exports;

  @TempDir Path tmp;

  /** A folder repository: backups of trees x+y, x and z, the first forgotten. */
  @BeforeAll
  static void repositoryWithAForgottenSnapshot() throws Exception {
    Path xy = shared.resolve("xy");
    Path x = shared.resolve("x-only");
    z = shared.resolve("z");
    TestTrees.populate(xy.resolve("x"), 1);
    TestTrees.populate(xy.resolve("y"), 2);
    TestTrees.populate(x.resolve("x"), 1);
    TestTrees.populate(z.resolve("z"), 3);
    passwordFile = Cli.passwordFile(shared, "pw");
    template = shared.resolve("template");
    PruneRepo repo = new PruneRepo(template.toString(), passwordFile, null, Map.of());
    Id first = repo.backup(xy);
    repo.backup(x);
    repo.backup(z);
    repo.forget(first);
    exports = repo.exports();
    assertThat(exports).hasSize(2);
  }

  private PruneRepo copyOfTemplate(String name) throws Exception {
    Path dir = tmp.resolve(name);
    TestTrees.run("cp", "-a", template.toString(), dir.toString());
    return PruneRepo.existing(dir, passwordFile);
  }

  @Test
  void pruneKilledAfterAnyWriteOrDeleteLeavesEverySnapshotRestorableAndTheNextPruneFinishes()
      throws Exception {
    // Every point in turn: the order of prune's writes is deterministic for this repository.
    int crashes = 0;
    for (int n = 1; ; n++) {
      PruneRepo repo = copyOfTemplate("crash-" + n);
      Cli.Result killed =
          repo.run(
              Map.of("VOLBACK_TEST_CRASH_AFTER", String.valueOf(n)), "prune", "--max-unused", "0");
      if (killed.exitCode() == 0) {
        break; // n is past prune's last write: it finished
      }
      assertThat(killed.exitCode()).as("crash after %d: %s", n, killed).isEqualTo(137);
      crashes++;
      repo.assertConsistent(false);
      assertThat(repo.exports()).as("after a crash at write %d", n).isEqualTo(exports);

      Cli.Result next = repo.cli.run("prune", "--max-unused", "0");

      assertThat(next.exitCode()).as("prune after a crash at write %d: %s", n, next).isZero();
      repo.assertConsistent(true);
      assertThat(repo.exports()).isEqualTo(exports);
      Cli.Result third = repo.cli.run("--json", "prune", "--max-unused", "0");
      assertThat(third.out()).contains("\"packs_deleted\" : 0", "\"packs_repacked\" : 0");
      TestTrees.run("rm", "-rf", tmp.resolve("crash-" + n).toString());
    }
    System.out.println("PruneCrashTest: prune killed at " + crashes + " points");
    assertThat(crashes).isGreaterThanOrEqualTo(10);
  }

  @Test
  void aBackupStartedWhilePruneHoldsTheLockIsRefusedNamingPruneAndWritesNoSnapshot()
      throws Exception {
    PruneRepo repo = copyOfTemplate("busy");
    Set<Id> snapshots = repo.snapshotIds();
    File err = tmp.resolve("prune-err.txt").toFile();
    Process prune =
        repo.builder(Map.of("VOLBACK_TEST_PAUSE_AFTER", "1"), "prune", "--max-unused", "0")
            .redirectOutput(tmp.resolve("prune-out.txt").toFile())
            .redirectError(err)
            .start();
    try {
      awaitPaused(err.toPath(), prune);

      Cli.Result backup = repo.run("--retry-lock", "2s", "backup", "--path", z.toString());

      assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(11);
      assertThat(backup.err()).contains("is locked: exclusive lock held by pid " + prune.pid());
      assertThat(repo.snapshotIds()).isEqualTo(snapshots);
    } finally {
      prune.destroyForcibly();
      Processes.awaitOrKill(prune, Duration.ofSeconds(30), "paused prune");
    }
    Cli.Result finish = repo.run("prune", "--max-unused", "0");
    assertThat(finish.exitCode()).as(finish.toString()).isZero();
    repo.assertConsistent(true);
    assertThat(repo.exports()).isEqualTo(exports);
  }

  private static void awaitPaused(Path err, Process prune) throws Exception {
    long deadline = System.nanoTime() + VolbackProcess.LIMIT.toNanos();
    while (!Files.readString(err, StandardCharsets.UTF_8).contains("test hook: paused")) {
      assertThat(prune.isAlive()).as(Files.readString(err)).isTrue();
      assertThat(System.nanoTime() - deadline).as("prune did not pause").isNegative();
      Thread.sleep(100);
    }
  }
}

package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.snapshot.Snapshot;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.store.LocalFolderStore;
import io.volback.testsupport.TestRepoConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** BackupDirectory on real files and a local folder repository. */
class BackupDirectoryTest {
  private static final char[] PASSWORD = "pw".toCharArray();
  @TempDir Path tmp;

  /**
   * b.txt is listed with its directory, then deleted while a.bin is being read (the listener's
   * bytesRead hook): the snapshot must record it as skipped, and say why.
   */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aFileThatVanishesDuringTheBackupIsRecordedAsSkipped() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("source"));
    byte[] big = new byte[3 << 20];
    new Random(3).nextBytes(big);
    Files.write(source.resolve("a.bin"), big);
    Path victim = Files.writeString(source.resolve("b.txt"), "gone soon");
    Files.writeString(source.resolve("c.txt"), "stays");
    Path repoDir = tmp.resolve("repo");
    Repository.init(
            new LocalFolderStore(repoDir), PASSWORD, KdfParams.CHEAP, TestRepoConfig.defaults())
        .close();

    ProgressListener deleteVictim =
        new ProgressListener() {
          @Override
          public void bytesRead(long n) {
            try {
              Files.deleteIfExists(victim);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    try (Repository repo = Repository.open(new LocalFolderStore(repoDir), PASSWORD)) {
      new BackupDirectory(repo, deleteVictim).run(source, "app", List.of(), false, null);
    }

    try (Repository repo = Repository.open(new LocalFolderStore(repoDir), PASSWORD)) {
      List<StoredSnapshot> snapshots = repo.snapshots();
      assertThat(snapshots).hasSize(1);
      Snapshot.Skipped skipped = snapshots.get(0).snapshot().skippedOrNone();
      assertThat(skipped.count()).isEqualTo(1);
      assertThat(skipped.entries())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.path()).isEqualTo("/b.txt");
                assertThat(e.reason()).contains("vanished");
              });
      assertThat(snapshots.get(0).snapshot().stats().files()).isEqualTo(2);
    }
  }
}

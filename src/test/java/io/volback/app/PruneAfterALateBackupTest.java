package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.backup.BackupListener;
import io.volback.backup.SnapshotCreator;
import io.volback.maintenance.MaxUnused;
import io.volback.maintenance.PruneListener;
import io.volback.repo.RepoConfig;
import io.volback.repo.Repository;
import io.volback.repo.chunker.ChunkerParams;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.restore.RestoreListener;
import io.volback.restore.SnapshotRestorer;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.MemoryTree;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A prune that read the repository (its preloaded snapshots and index) before a backup finished,
 * and took its exclusive lock after, must see that backup: the service opens the repository, then
 * forgets and prunes while other instances back up.
 */
class PruneAfterALateBackupTest {
  private static final char[] PASSWORD = "pw".toCharArray();

  @Test
  void aBackupFinishedBetweenOpeningAndLockingIsKeptWhole() throws Exception {
    MemoryStore store = new MemoryStore();
    RepoConfig config =
        RepoConfig.create(new ChunkerParams(16 << 10, 64 << 10, 256 << 10), 3, 1 << 20);
    try (Repository writer = Repository.init(store, PASSWORD, KdfParams.CHEAP, config)) {
      backup(writer, 1);
    }
    Repository pruning = Repository.open(store, PASSWORD, Repository.Preload.SNAPSHOTS_AND_INDEX);
    pruning.index(); // read before the late backup, as a service's forget does
    StoredSnapshot late;
    try (Repository writer = Repository.open(store, PASSWORD)) {
      late = backup(writer, 2);
    }

    new PruneRepository(pruning, new PruneListener() {}).run(MaxUnused.parse("0"), false);

    MemoryTree restored = new MemoryTree();
    try (Repository reader = Repository.open(store, PASSWORD)) {
      new SnapshotRestorer(reader, RestoreListener.NONE).restore(late, restored, PathFilter.ALL);
    }
    assertThat(restored.content("/late.bin")).isEqualTo(random(300_000, 2));
    pruning.close();
  }

  private static StoredSnapshot backup(Repository repo, long seed) throws Exception {
    MemoryTree tree = new MemoryTree().dir("/");
    tree.file(seed == 2 ? "/late.bin" : "/early.bin", random(300_000, seed));
    return new SnapshotCreator(repo, BackupListener.NONE)
        .create(tree, SourceInfo.directory("vol-" + seed, "/x"), List.of(), null);
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }
}

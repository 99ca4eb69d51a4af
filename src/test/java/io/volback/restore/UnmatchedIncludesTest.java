package io.volback.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.backup.BackupListener;
import io.volback.backup.SnapshotCreator;
import io.volback.repo.RepoConfig;
import io.volback.repo.Repository;
import io.volback.repo.chunker.ChunkerParams;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.MemoryTree;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnmatchedIncludesTest {
  @Test
  void includesThatMatchNothingAreNamedBeforeAnythingIsRestored() throws Exception {
    Repository repo =
        Repository.init(
            new MemoryStore(),
            "pw".toCharArray(),
            KdfParams.CHEAP,
            RepoConfig.create(new ChunkerParams(16 << 10, 64 << 10, 256 << 10), 3, 1 << 20));
    MemoryTree tree =
        new MemoryTree()
            .dir("/")
            .dir("/html")
            .file("/html/index.html", new byte[3])
            .file("/htmlx", new byte[1]);
    StoredSnapshot snap =
        new SnapshotCreator(repo, BackupListener.NONE)
            .create(tree, SourceInfo.directory("www", "/x"), List.of(), null);
    SnapshotRestorer restorer = new SnapshotRestorer(repo, RestoreListener.NONE);

    assertThat(
            restorer.unmatchedIncludes(
                snap, PathFilter.including(List.of("/html/index.html", "nope/", "/htm", "/html/"))))
        .containsExactly("/nope", "/htm");
    assertThat(restorer.unmatchedIncludes(snap, PathFilter.ALL)).isEmpty();
  }
}

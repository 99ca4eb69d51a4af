package io.volback.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.backup.BackupListener;
import io.volback.backup.SnapshotCreator;
import io.volback.repo.Id;
import io.volback.repo.RepoConfig;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.chunker.ChunkerParams;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.drill.DrillRecord.Mismatch;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.MemoryTree;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DamagedFiles names the files and objects a damaged repository cannot give back. */
class DamagedFilesTest {
  private static final char[] PASSWORD = "pw".toCharArray();
  private MemoryStore store;
  private StoredSnapshot snap;

  @BeforeEach
  void setUp() throws Exception {
    store = new MemoryStore();
    RepoConfig config =
        RepoConfig.create(new ChunkerParams(16 << 10, 64 << 10, 256 << 10), 3, 1 << 20);
    Repository repo = Repository.init(store, PASSWORD, KdfParams.CHEAP, config);
    MemoryTree tree = new MemoryTree().dir("/");
    for (int i = 0; i < 5; i++) {
      byte[] b = new byte[20_000];
      new Random(i).nextBytes(b);
      tree.file("/f" + i, b);
    }
    snap =
        new SnapshotCreator(repo, BackupListener.NONE)
            .create(tree, SourceInfo.directory("vol", "/x"), List.of(), null);
  }

  private static IndexEntry contentBlob(Repository repo, StoredSnapshot snap, String path)
      throws Exception {
    TreeReader tree = new TreeReader(repo.newBlobLoader(), snap.snapshot().treeIds());
    for (TreeNode node = tree.next(); node != null; node = tree.next()) {
      if (node.entry().path().equals(path)) {
        return repo.index().lookup(node.contentIds().get(0)).orElseThrow();
      }
    }
    throw new AssertionError(path);
  }

  @Test
  void aSoundSnapshotHasNoDamage() throws Exception {
    DamagedFiles.Result r = new DamagedFiles(Repository.open(store, PASSWORD), 100).find(snap);
    assertThat(r.problems()).isEmpty();
    assertThat(r.truncated()).isFalse();
  }

  @Test
  void everyFileOfAMissingPackIsNamedWithItsBlobAndPackUpToTheLimit() throws Exception {
    Repository repo = Repository.open(store, PASSWORD);
    IndexEntry blob = contentBlob(repo, snap, "/f0");
    store.delete(RepoLayout.pack(blob.pack()));

    DamagedFiles.Result all = new DamagedFiles(repo, 100).find(snap);
    assertThat(all.problems())
        .extracting(Mismatch::path)
        .containsExactly("/f0", "/f1", "/f2", "/f3", "/f4");
    assertThat(all.problems().get(0).problem())
        .startsWith(
            "content blob " + blob.blob().shortHex() + " in pack " + blob.pack().shortHex() + ": ");
    assertThat(all.truncated()).isFalse();

    DamagedFiles.Result two = new DamagedFiles(repo, 2).find(snap);
    assertThat(two.problems()).extracting(Mismatch::path).containsExactly("/f0", "/f1");
    assertThat(two.truncated()).isTrue();
  }

  @Test
  void aCorruptedBlobNamesOnlyTheFileThatNeedsIt() throws Exception {
    Repository repo = Repository.open(store, PASSWORD);
    IndexEntry blob = contentBlob(repo, snap, "/f3");
    store.corrupt(RepoLayout.pack(blob.pack()), (int) blob.offset() + 20);

    DamagedFiles.Result r = new DamagedFiles(repo, 100).find(snap);
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.path()).isEqualTo("/f3");
              assertThat(m.problem())
                  .contains(blob.blob().shortHex())
                  .contains("failed authentication");
            });
  }

  @Test
  void aDamagedTreeBlobIsNamedOnTheRoot() throws Exception {
    Repository repo = Repository.open(store, PASSWORD);
    Id treeId = snap.snapshot().treeIds().get(0);
    IndexEntry tree = repo.index().lookup(treeId).orElseThrow();
    store.corrupt(RepoLayout.pack(tree.pack()), (int) tree.offset() + 5);

    DamagedFiles.Result r = new DamagedFiles(repo, 100).find(snap);
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.path()).isEqualTo("/");
              assertThat(m.problem())
                  .startsWith(
                      "tree blob " + treeId.shortHex() + " in pack " + tree.pack().shortHex());
            });
  }
}

package io.volback.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.backup.BackupListener;
import io.volback.backup.SnapshotCreator;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.RepoConfig;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.RepositoryException;
import io.volback.repo.SnapshotNotFoundException;
import io.volback.repo.WrongPasswordException;
import io.volback.repo.chunker.ChunkerParams;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.index.Index;
import io.volback.repo.lock.RepositoryLockedException;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.repo.snapshot.SnapshotSelector;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.MemoryTree;
import io.volback.testsupport.TestRepoConfig;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Engine logic on an in-memory store; real stores are covered by the round-trip tests. */
class RepositoryEngineTest {
  private static final char[] PASSWORD = "pw".toCharArray();
  private MemoryStore store;
  private Repository repo;

  @BeforeEach
  void setUp() throws Exception {
    store = new MemoryStore();
    RepoConfig config =
        RepoConfig.create(new ChunkerParams(16 << 10, 64 << 10, 256 << 10), 3, 1 << 20);
    repo = Repository.init(store, PASSWORD, KdfParams.CHEAP, config);
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static MemoryTree sampleTree(int files) {
    MemoryTree t = new MemoryTree().dir("/").dir("/d").dir("/d/empty");
    for (int i = 0; i < files; i++) {
      t.file("/d/f" + i, random(100_000 + i * 1000, i));
    }
    t.file("/text", "all work and no play ".repeat(20_000).getBytes());
    t.add(FileEntry.builder("/link", EntryType.SYMLINK).linkTarget("d/f0").build(), null);
    t.add(FileEntry.builder("/hard", EntryType.HARDLINK).linkTarget("/text").build(), null);
    t.add(
        FileEntry.builder("/owned", EntryType.FILE)
            .uid(1000)
            .gid(33)
            .mode(04755)
            .mtime(Instant.parse("2001-02-03T04:05:06.123456789Z"))
            .size(3)
            .build(),
        new byte[] {1, 2, 3});
    return t;
  }

  private StoredSnapshot backup(MemoryTree tree, StoredSnapshot parent) throws Exception {
    return new SnapshotCreator(repo, BackupListener.NONE)
        .create(tree, SourceInfo.directory("vol", "/x"), List.of("t"), parent);
  }

  @Test
  void roundTripKeepsEveryEntryAndByte() throws Exception {
    MemoryTree source = sampleTree(20);
    StoredSnapshot snap = backup(source, null);
    MemoryTree target = new MemoryTree();
    new SnapshotRestorer(Repository.open(store, PASSWORD), RestoreListener.NONE)
        .restore(snap, target, PathFilter.ALL);
    assertThat(target.entries()).isEqualTo(source.entries());
    for (FileEntry e : source.entries()) {
      if (e.type() == EntryType.FILE) {
        assertThat(target.content(e.path())).as(e.path()).isEqualTo(source.content(e.path()));
      }
    }
    assertThat(target.finished).isTrue();
    assertThat(snap.snapshot().stats().files()).isEqualTo(22);
  }

  @Test
  void unchangedSecondSnapshotStoresAlmostNothing() throws Exception {
    backup(sampleTree(50), null);
    long before = store.totalBytes("data/");
    StoredSnapshot second = backup(sampleTree(50), null);
    assertThat(second.snapshot().stats().newRawBytes()).isZero();
    assertThat(store.totalBytes("data/") - before).isZero();
  }

  @Test
  void changingOnePercentStoresAboutOnePercent() throws Exception {
    MemoryTree tree = sampleTree(100);
    backup(tree, null);
    long total = store.totalBytes("data/");
    tree.file("/d/f7", random(107_000, 999));
    StoredSnapshot second = backup(tree, null);
    long added = store.totalBytes("data/") - total;
    assertThat(added).isLessThan(total / 100 * 3);
    assertThat(second.snapshot().stats().newRawBytes()).isBetween(100_000L, 200_000L);
  }

  @Test
  void corruptPackFailsNamingTheObjectAndWritesNothingCorrupt() throws Exception {
    MemoryTree source = new MemoryTree().dir("/").file("/a", random(200_000, 1));
    StoredSnapshot snap = backup(source, null);
    String pack =
        store.list("data/").stream()
            .map(o -> o.key())
            .filter(k -> !isTreePack(snap, k))
            .findFirst()
            .orElseThrow();
    store.corrupt(pack, 100);
    MemoryTree target = new MemoryTree();
    assertThatThrownBy(
            () ->
                new SnapshotRestorer(Repository.open(store, PASSWORD), RestoreListener.NONE)
                    .restore(snap, target, PathFilter.ALL))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageContaining(pack);
    assertThat(target.content("/a")).isNull();
  }

  /** Whether the pack at key holds one of the snapshot's TREE blobs. */
  private boolean isTreePack(StoredSnapshot snap, String key) {
    try {
      Index index = repo.index();
      return snap.snapshot().treeIds().stream()
          .map(id -> index.lookup(id).orElseThrow())
          .anyMatch(e -> RepoLayout.pack(e.pack()).equals(key));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aBackupWhoseLockWasRemovedWritesNoSnapshot() throws Exception {
    MemoryTree tree = sampleTree(3);
    BackupListener removesLocks =
        new BackupListener() {
          @Override
          public void bytesRead(long n) {
            store.list(RepoLayout.LOCKS).forEach(lock -> store.delete(lock.key()));
          }
        };
    assertThatThrownBy(
            () ->
                new SnapshotCreator(repo, removesLocks)
                    .create(tree, SourceInfo.directory("vol", "/x"), List.of(), null))
        .isInstanceOf(RepositoryLockedException.class);
    assertThat(store.list(RepoLayout.SNAPSHOTS)).isEmpty();
  }

  @Test
  void wrongPasswordIsAClearError() {
    assertThatThrownBy(() -> Repository.open(store, "nope".toCharArray()))
        .isInstanceOf(WrongPasswordException.class)
        .hasMessageContaining("wrong password");
  }

  @Test
  void initRefusesExistingRepository() {
    assertThatThrownBy(
            () -> Repository.init(store, PASSWORD, KdfParams.CHEAP, TestRepoConfig.defaults()))
        .isInstanceOf(RepositoryException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void unchangedFilesWithIdentityAreNotReadAgain() throws Exception {
    MemoryTree tree = new MemoryTree().dir("/");
    for (int i = 0; i < 10; i++) {
      tree.add(
          FileEntry.builder("/f" + i, EntryType.FILE)
              .size(1000)
              .fileIdentity((long) i, 1L, Instant.ofEpochSecond(i))
              .build(),
          random(1000, i));
    }
    StoredSnapshot first = backup(tree, null);
    tree.contentOpens = 0;
    tree.add(
        FileEntry.builder("/f3", EntryType.FILE)
            .size(1000)
            .fileIdentity(3L, 1L, Instant.ofEpochSecond(333))
            .build(),
        random(1000, 33));
    StoredSnapshot second = backup(tree, first);
    assertThat(tree.contentOpens).isEqualTo(1);
    assertThat(second.snapshot().stats().filesRead()).isEqualTo(1);
    MemoryTree target = new MemoryTree();
    new SnapshotRestorer(repo, RestoreListener.NONE).restore(second, target, PathFilter.ALL);
    assertThat(target.content("/f5")).isEqualTo(tree.content("/f5"));
    assertThat(target.content("/f3")).isEqualTo(random(1000, 33));
  }

  @Test
  void aDamagedParentTreeFallsBackToAFullReadWithAWarning() throws Exception {
    MemoryTree tree = identifiedFiles(10);
    StoredSnapshot first = backup(tree, null);
    String treePack =
        store.list("data/").stream()
            .map(o -> o.key())
            .filter(k -> isTreePack(first, k))
            .findFirst()
            .orElseThrow();
    store.corrupt(treePack, 10);

    assertFullReadAgainstBrokenParent(tree, first);
  }

  @Test
  void anUnindexedParentTreeFallsBackToAFullReadWithAWarning() throws Exception {
    MemoryTree tree = identifiedFiles(10);
    StoredSnapshot first = backup(tree, null);
    for (var index : store.list("index/")) {
      store.delete(index.key());
    }

    assertFullReadAgainstBrokenParent(tree, first);
  }

  private static MemoryTree identifiedFiles(int count) {
    MemoryTree tree = new MemoryTree().dir("/");
    for (int i = 0; i < count; i++) {
      tree.add(
          FileEntry.builder("/f" + i, EntryType.FILE)
              .size(1000)
              .fileIdentity((long) i, 1L, Instant.ofEpochSecond(i))
              .build(),
          random(1000, i));
    }
    return tree;
  }

  /** A second backup against parent, whose tree cannot be read, reads everything and restores. */
  private void assertFullReadAgainstBrokenParent(MemoryTree tree, StoredSnapshot parent)
      throws Exception {
    tree.add(
        FileEntry.builder("/f3", EntryType.FILE)
            .size(1000)
            .fileIdentity(3L, 1L, Instant.ofEpochSecond(333))
            .build(),
        random(1000, 33));
    tree.contentOpens = 0;
    List<String> warnings = new java.util.ArrayList<>();
    Repository reopened = Repository.open(store, PASSWORD);
    StoredSnapshot second =
        new SnapshotCreator(
                reopened,
                new BackupListener() {
                  @Override
                  public void warning(String message) {
                    warnings.add(message);
                  }
                })
            .create(tree, SourceInfo.directory("vol", "/x"), List.of(), parent);

    assertThat(tree.contentOpens).isEqualTo(10);
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("parent snapshot " + parent.id().shortHex())
        .contains("cannot be read");
    assertThat(second.snapshot().parent()).isEqualTo(parent.id().hex());
    MemoryTree target = new MemoryTree();
    new SnapshotRestorer(Repository.open(store, PASSWORD), RestoreListener.NONE)
        .restore(second, target, PathFilter.ALL);
    assertThat(target.content("/f5")).isEqualTo(tree.content("/f5"));
    assertThat(target.content("/f3")).isEqualTo(random(1000, 33));
  }

  @Test
  void includeFilterRestoresSubtreeAndDetachedHardLinks() throws Exception {
    MemoryTree source = sampleTree(3);
    StoredSnapshot snap = backup(source, null);
    MemoryTree target = new MemoryTree();
    new SnapshotRestorer(repo, RestoreListener.NONE)
        .restore(snap, target, PathFilter.including(List.of("d/f1", "/hard")));
    assertThat(target.entries())
        .extracting(FileEntry::path)
        .containsExactly("/", "/d", "/d/f1", "/hard");
    FileEntry hard = target.entries().get(3);
    assertThat(hard.type()).isEqualTo(EntryType.FILE);
    assertThat(target.content("/hard")).isEqualTo(source.content("/text"));
  }

  @Test
  void snapshotSelectionByPrefixLatestAndVolume() throws Exception {
    StoredSnapshot a = backup(sampleTree(1), null);
    StoredSnapshot b =
        new SnapshotCreator(repo, BackupListener.NONE)
            .create(sampleTree(1), SourceInfo.directory("other", "/y"), List.of(), null);
    List<StoredSnapshot> all = repo.snapshots();
    assertThat(SnapshotSelector.select(all, a.id().hex().substring(0, 10), SnapshotFilter.ALL))
        .isEqualTo(a);
    assertThat(SnapshotSelector.select(all, "latest", SnapshotFilter.volume("other"))).isEqualTo(b);
    assertThatThrownBy(() -> SnapshotSelector.select(all, "latest", SnapshotFilter.ALL))
        .hasMessageContaining("--volume");
    assertThatThrownBy(() -> SnapshotSelector.select(all, "ffffffffff", SnapshotFilter.ALL))
        .isInstanceOf(SnapshotNotFoundException.class);
  }
}

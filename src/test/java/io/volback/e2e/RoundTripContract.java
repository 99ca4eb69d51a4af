package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.backup.BackupListener;
import io.volback.backup.SnapshotCreator;
import io.volback.entry.DirectorySink;
import io.volback.entry.DirectorySource;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.restore.RestoreListener;
import io.volback.restore.SnapshotRestorer;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectStore;
import io.volback.testsupport.TestRepoConfig;
import io.volback.testsupport.TestTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot and restore of real file trees through a real store: every byte and attribute survives,
 * unchanged data is not stored twice, damage is detected and named. Run against each store.
 */
abstract class RoundTripContract {
  private static final char[] PASSWORD = "correct horse".toCharArray();

  @TempDir Path tmp;
  ObjectStore store;
  Repository repo;

  abstract ObjectStore newStore() throws Exception;

  @BeforeEach
  void initRepository() throws Exception {
    store = newStore();
    repo = Repository.init(store, PASSWORD, KdfParams.CHEAP, TestRepoConfig.defaults());
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  private StoredSnapshot backup(Path dir, StoredSnapshot parent) throws IOException {
    return new SnapshotCreator(repo, BackupListener.NONE)
        .create(
            new DirectorySource(dir, w -> {}),
            SourceInfo.directory("tree", dir.toString()),
            List.of(),
            parent);
  }

  private Path restore(StoredSnapshot snap, String name) throws IOException {
    Path target = Files.createDirectory(tmp.resolve(name));
    Repository reopened = Repository.open(store, PASSWORD);
    try (DirectorySink sink = new DirectorySink(target, w -> {})) {
      new SnapshotRestorer(reopened, RestoreListener.NONE).restore(snap, sink, PathFilter.ALL);
    }
    return target;
  }

  private long storedBytes() throws IOException {
    long sum = 0;
    for (String prefix : List.of("data/", "index/")) {
      sum += store.list(prefix).stream().mapToLong(ObjectInfo::size).sum();
    }
    return sum;
  }

  @Test
  void restoredTreeEqualsOriginalInEveryByteAndAttribute() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("source"));
    TestTrees.populate(source, 42);
    StoredSnapshot snap = backup(source, null);
    Path restored = restore(snap, "restored");
    assertThat(TestTrees.describe(restored)).isEqualTo(TestTrees.describe(source));
  }

  @Test
  void unchangedTreeStoresNothingNewAndOnePercentChangeStoresAboutThat() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("source"));
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      byte[] data = new byte[100_000 + random.nextInt(100_000)];
      random.nextBytes(data);
      Files.write(source.resolve("f" + i), data);
    }
    StoredSnapshot first = backup(source, null);
    List<String> firstTree = TestTrees.describe(source);
    long afterFirst = storedBytes();

    StoredSnapshot second = backup(source, null);
    long afterSecond = storedBytes();
    assertThat(second.snapshot().stats().newRawBytes()).isZero();
    assertThat(afterSecond - afterFirst).isZero();

    long changed = 0;
    for (int i = 0; i < 2; i++) {
      byte[] data = new byte[150_000];
      random.nextBytes(data);
      Files.write(source.resolve("f" + (i * 97)), data);
      changed += data.length;
    }
    StoredSnapshot third = backup(source, second);
    long added = storedBytes() - afterSecond;
    assertThat(added).isBetween(changed, changed + 128 * 1024);
    assertThat(third.snapshot().stats().filesRead()).isEqualTo(2);
    assertThat(TestTrees.describe(restore(first, "first"))).isEqualTo(firstTree);
  }

  @Test
  void emptyTreeRoundTrips() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("source"));
    StoredSnapshot snap = backup(source, null);
    Path restored = restore(snap, "restored");
    assertThat(TestTrees.describe(restored)).isEqualTo(TestTrees.describe(source));
  }

  @Test
  void fileLargerThanAPackRestoresByteForByte() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("source"));
    byte[] data = new byte[20 << 20];
    new Random(11).nextBytes(data);
    Files.write(source.resolve("big.bin"), data);
    Files.writeString(source.resolve("small.txt"), "after the big one");
    StoredSnapshot snap = backup(source, null);
    assertThat(store.list("data/"))
        .as("packs holding a 20 MiB file")
        .hasSizeGreaterThanOrEqualTo(2);
    Path restored = restore(snap, "restored");
    assertThat(TestTrees.describe(restored)).isEqualTo(TestTrees.describe(source));
  }

  @Test
  void aFlippedByteInAnyPackFailsTheRestoreNamingThePack() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("source"));
    TestTrees.populate(source, 3);
    StoredSnapshot snap = backup(source, null);
    List<String> packs =
        new ArrayList<>(store.list("data/").stream().map(ObjectInfo::key).toList());
    assertThat(packs).hasSizeGreaterThanOrEqualTo(2);
    for (String pack : packs) {
      byte[] original;
      try (InputStream in = store.get(pack)) {
        original = in.readAllBytes();
      }
      byte[] damaged = original.clone();
      damaged[damaged.length / 3] ^= 0x01;
      store.put(pack, damaged);
      Path target = Files.createDirectory(tmp.resolve("t" + packs.indexOf(pack)));
      Repository reopened = Repository.open(store, PASSWORD);
      assertThatThrownBy(
              () -> {
                try (DirectorySink sink = new DirectorySink(target, w -> {})) {
                  new SnapshotRestorer(reopened, RestoreListener.NONE)
                      .restore(snap, sink, PathFilter.ALL);
                }
              })
          .isInstanceOf(CorruptObjectException.class)
          .hasMessageContaining(pack);
      assertNothingCorruptWritten(source, target);
      store.put(pack, original);
    }
  }

  /** Every file that was written holds a prefix of the original content: verified bytes only. */
  private static void assertNothingCorruptWritten(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(target)) {
      for (Path f :
          files
              .filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
              .toList()) {
        byte[] written = Files.readAllBytes(f);
        byte[] expected = Files.readAllBytes(source.resolve(target.relativize(f).toString()));
        assertThat(written.length).isLessThanOrEqualTo(expected.length);
        assertThat(java.util.Arrays.equals(written, 0, written.length, expected, 0, written.length))
            .as("content of %s", f)
            .isTrue();
      }
    }
  }
}

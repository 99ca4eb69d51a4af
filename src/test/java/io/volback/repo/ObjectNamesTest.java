package io.volback.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.backup.BackupListener;
import io.volback.backup.SnapshotCreator;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.snapshot.SnapshotList;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectNotFoundException;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.MemoryTree;
import io.volback.testsupport.TestRepoConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Objects named by the hash of their content are checked against their names, and a damaged one is
 * skipped where the others suffice. A sorted in-memory store makes the listing order fixed.
 */
class ObjectNamesTest {
  private static final char[] PASSWORD = "pw".toCharArray();
  private MemoryStore store;
  private Repository repo;

  @BeforeEach
  void setUp() throws Exception {
    store = new MemoryStore();
    repo = Repository.init(store, PASSWORD, KdfParams.CHEAP, TestRepoConfig.defaults());
  }

  private StoredSnapshot backup(String name, int files) throws Exception {
    MemoryTree tree = new MemoryTree().dir("/");
    for (int i = 0; i < files; i++) {
      tree.file("/f" + i, ("content " + name + i).getBytes(StandardCharsets.UTF_8));
    }
    return new SnapshotCreator(repo, BackupListener.NONE)
        .create(tree, SourceInfo.directory(name, "/x"), List.of(), null);
  }

  private byte[] read(String key) throws Exception {
    try (InputStream in = store.get(key)) {
      return in.readAllBytes();
    }
  }

  @Test
  void snapshotCopiedOverAnotherSnapshotsNameIsListedAsDamaged() throws Exception {
    StoredSnapshot older = backup("a", 1);
    StoredSnapshot newer = backup("a", 2);
    store.put(RepoLayout.snapshot(newer.id()), read(RepoLayout.snapshot(older.id())));

    SnapshotList list = Repository.open(store, PASSWORD).snapshotList();
    assertThat(list.snapshots()).extracting(StoredSnapshot::id).containsExactly(older.id());
    assertThat(list.damaged())
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.problem())
                    .contains(RepoLayout.snapshot(newer.id()))
                    .contains("does not hold the content its name says"));
  }

  @Test
  void snapshotDeletedBetweenListingAndReadingIsLeftOut() throws Exception {
    StoredSnapshot kept = backup("a", 1);
    StoredSnapshot pruned = backup("b", 1);
    String prunedKey = RepoLayout.snapshot(pruned.id());
    MemoryStore pruning =
        new MemoryStore() {
          @Override
          public InputStream get(String key) throws ObjectNotFoundException {
            if (key.equals(prunedKey)) {
              throw new ObjectNotFoundException(location(), key);
            }
            return super.get(key);
          }
        };
    for (ObjectInfo info : store.list("")) {
      pruning.put(info.key(), read(info.key()));
    }

    for (Repository.Preload preload : Repository.Preload.values()) {
      SnapshotList list = Repository.open(pruning, PASSWORD, preload).snapshotList();
      assertThat(list.snapshots()).extracting(StoredSnapshot::id).containsExactly(kept.id());
      assertThat(list.damaged()).isEmpty();
    }
  }

  @Test
  void indexObjectCopiedOverAnotherIndexObjectsNameIsRejectedNamingIt() throws Exception {
    backup("a", 1);
    backup("b", 3);
    List<ObjectInfo> indexes = store.list(RepoLayout.INDEX);
    assertThat(indexes).hasSizeGreaterThanOrEqualTo(2);
    store.put(indexes.get(1).key(), read(indexes.get(0).key()));

    Repository reopened = Repository.open(store, PASSWORD);
    assertThatThrownBy(reopened::index)
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageContaining(indexes.get(1).key());
  }

  @Test
  void damagedKeyFilesListedBeforeTheValidOneAreSkipped() throws Exception {
    store.put(RepoLayout.KEYS + "0".repeat(64), "garbage".getBytes(StandardCharsets.UTF_8));
    byte[] hugeN =
        "{\"kdf\":\"scrypt\",\"n\":1073741824,\"r\":8,\"p\":1,\"salt\":\"AAAA\",\"data\":\"AAAA\"}"
            .getBytes(StandardCharsets.UTF_8);
    store.put(RepoLayout.key(Id.sha256(hugeN)), hugeN);
    store.put(RepoLayout.KEYS + "1", "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(Repository.open(store, PASSWORD).config()).isEqualTo(repo.config());
  }

  @Test
  void onlyDamagedKeyFilesFailNamingEach() throws Exception {
    String valid = store.list(RepoLayout.KEYS).get(0).key();
    store.delete(valid);
    byte[] hugeN =
        "{\"kdf\":\"scrypt\",\"n\":1073741824,\"r\":8,\"p\":1,\"salt\":\"AAAA\",\"data\":\"AAAA\"}"
            .getBytes(StandardCharsets.UTF_8);
    String hostile = RepoLayout.key(Id.sha256(hugeN));
    store.put(hostile, hugeN);
    store.put(RepoLayout.KEYS + "0".repeat(64), "garbage".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> Repository.open(store, PASSWORD))
        .isInstanceOf(RepositoryException.class)
        .hasMessageContaining(hostile)
        .hasMessageContaining("N=1073741824")
        .hasMessageContaining(RepoLayout.KEYS + "0".repeat(64));
  }

  @Test
  void wrongPasswordStillSaysSoWhenADamagedKeyWasSkipped() throws Exception {
    store.put(RepoLayout.KEYS + "0".repeat(64), "garbage".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Repository.open(store, "nope".toCharArray()))
        .hasMessageContaining("wrong password")
        .hasMessageContaining(RepoLayout.KEYS + "0");
  }
}

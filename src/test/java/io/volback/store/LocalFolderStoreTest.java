package io.volback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderStoreTest extends ObjectStoreContractTest {
  @TempDir Path temp;

  @Override
  protected ObjectStore createStore() throws Exception {
    return new LocalFolderStore(Files.createDirectories(temp.resolve("repo")));
  }

  @Test
  void locationIsTheAbsolutePath() {
    assertThat(store.location()).isEqualTo(temp.resolve("repo").toAbsolutePath().toString());
  }

  @Test
  void objectsAreFilesUnderTheRootAndNoTempFilesRemain() throws Exception {
    store.put("data/ab/ab01", new byte[] {1, 2, 3});

    assertThat(temp.resolve("repo/data/ab/ab01")).hasBinaryContent(new byte[] {1, 2, 3});
    try (Stream<Path> files = Files.list(temp.resolve("repo/data/ab"))) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void listIgnoresTempFilesOfUnfinishedPuts() throws Exception {
    store.put("data/ab/ab01", new byte[] {1});
    Files.write(temp.resolve("repo/data/ab/.tmp-1234-ab02"), new byte[] {2});

    assertThat(keys("")).containsExactly("data/ab/ab01");
  }

  @Test
  void missingRootHoldsNoObjectsAndListingItIsAClearError() throws Exception {
    // init must see "no config here" in a folder it is about to create.
    ObjectStore absent = new LocalFolderStore(temp.resolve("absent"));
    assertThat(absent.stat("config")).isEmpty();
    for (ThrowingRead read :
        new ThrowingRead[] {() -> absent.get("config"), () -> absent.getRange("config", 0, 1)}) {
      assertThatThrownBy(read::run).isInstanceOf(ObjectNotFoundException.class);
    }
    assertThatThrownBy(() -> absent.list(""))
        .isInstanceOf(StoreException.class)
        .hasMessage("repository folder " + temp.resolve("absent") + " does not exist")
        .matches(e -> ((StoreException) e).permanent());
  }

  @Test
  void putCreatesTheRootFolder() throws Exception {
    ObjectStore fresh = new LocalFolderStore(temp.resolve("new/repo"));

    fresh.put("config", new byte[] {7});

    assertThat(temp.resolve("new/repo/config")).hasBinaryContent(new byte[] {7});
  }

  @Test
  void repositoryFilesAreOwnerOnlyAndFoldersTooWhateverTheUmask() throws Exception {
    Path root = temp.resolve("private/repo");
    ObjectStore fresh = new LocalFolderStore(root);
    List<String> keys =
        List.of("config", "keys/k1", "data/ab/ab01", "index/i1", "snapshots/s1", "locks/l1");
    for (String key : keys) {
      fresh.put(key, new byte[] {1});
    }

    for (String key : keys) {
      assertThat(mode(root.resolve(key))).as(key).isEqualTo("rw-------");
    }
    for (String dir : List.of("", "keys", "data", "data/ab", "index", "snapshots", "locks")) {
      assertThat(mode(root.resolve(dir))).as("folder '" + dir + "'").isEqualTo("rwx------");
    }
  }

  @Test
  void putIfAbsentFromEightThreadsAtOnceLetsExactlyOneWin() throws Exception {
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        byte[] data = {(byte) i};
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.putIfAbsent("config", data);
                }));
      }
      start.countDown();
      int winners = 0;
      byte winner = -1;
      for (int i = 0; i < threads; i++) {
        if (results.get(i).get(1, TimeUnit.MINUTES)) {
          winners++;
          winner = (byte) i;
        }
      }

      assertThat(winners).isEqualTo(1);
      assertThat(readAll("config")).containsExactly(winner);
      try (Stream<Path> files = Files.list(temp.resolve("repo"))) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tempFilesOlderThanTheGracePeriodAreRemovedAndNothingElse() throws Exception {
    store.put("data/ab/ab01", new byte[] {1});
    store.put("config", new byte[] {2});
    Path repo = temp.resolve("repo");
    Path stale = Files.write(repo.resolve("data/ab/.tmp-1111-ab02"), new byte[] {3});
    Path staleAtRoot = Files.write(repo.resolve(".tmp-2222-config"), new byte[] {4});
    Path fresh = Files.write(repo.resolve("data/ab/.tmp-3333-ab03"), new byte[] {5});
    FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
    for (Path old :
        List.of(stale, staleAtRoot, repo.resolve("data/ab/ab01"), repo.resolve("config"))) {
      Files.setLastModifiedTime(old, twoHoursAgo);
    }

    int removed = ((LocalFolderStore) store).removeStaleTempFiles(Duration.ofHours(1));

    assertThat(removed).isEqualTo(2);
    assertThat(stale).doesNotExist();
    assertThat(staleAtRoot).doesNotExist();
    assertThat(fresh).exists();
    assertThat(keys("")).containsExactlyInAnyOrder("config", "data/ab/ab01");
  }

  @Test
  void aPutWhoseTempFileWasRemovedFailsAndCanBeRetried() throws Exception {
    LocalFolderStore folder = (LocalFolderStore) store;
    folder.beforeRenameForTest(
        temp -> {
          Files.setLastModifiedTime(temp, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
          assertThat(folder.removeStaleTempFiles(Duration.ofHours(1))).isEqualTo(1);
        });

    assertThatThrownBy(() -> store.put("data/ab/ab01", new byte[] {1}))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("data/ab/ab01")
        .matches(e -> !((StoreException) e).permanent());
    folder.beforeRenameForTest(null);
    store.put("data/ab/ab01", new byte[] {1});
    assertThat(readAll("data/ab/ab01")).containsExactly(1);
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private interface ThrowingRead {
    Object run() throws Exception;
  }
}

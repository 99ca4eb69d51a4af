package io.volback.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CachingStore over an in-memory store that counts reads: when a kept copy is used, and when not.
 */
class CachingStoreTest {
  @TempDir Path root;
  private CountingStore remote;

  @BeforeEach
  void setUp() throws IOException {
    remote = new CountingStore();
    remote.put("config", "sealed config".getBytes());
  }

  @Test
  void aListedIndexObjectIsReadOnceThenFromTheCache() throws IOException {
    String key = named("index/", 100);
    read(open(), "index/", key);
    read(open(), "index/", key);
    assertThat(remote.reads).containsExactly("config", key, "config");
  }

  @Test
  void anObjectTheStoreNoLongerListsLeavesTheCache() throws IOException {
    String kept = named("snapshots/", 10);
    String pruned = named("snapshots/", 20);
    CachingStore first = open();
    read(first, "snapshots/", kept, pruned);
    Path copy = first.directory().resolve(pruned);
    assertThat(copy).exists();
    remote.delete(pruned);
    CachingStore second = open();
    assertThat(second.list("snapshots/")).extracting(ObjectInfo::key).containsExactly(kept);
    assertThat(copy).doesNotExist();
  }

  @Test
  void aDamagedCopyIsDeletedAndFetchedAgain() throws IOException {
    String key = named("index/", 300);
    CachingStore first = open();
    byte[] original = read(first, "index/", key).get(0);
    Files.write(first.directory().resolve(key), new byte[] {1, 2, 3});
    CachingStore second = open();
    assertThat(read(second, "index/", key).get(0)).isEqualTo(original);
    assertThat(remote.reads.stream().filter(key::equals)).hasSize(2);
    assertThat(Files.readAllBytes(second.directory().resolve(key))).isEqualTo(original);
  }

  @Test
  void aTreePackIsKeptWholeAndVerifiedBeforeUse() throws IOException {
    String pack = named("data/", 5000);
    CachingStore first = open();
    first.treePacks(List.of(pack), true);
    byte[] range = first.getRange(pack, 100, 50);
    byte[] again = first.getRange(pack, 200, 50);
    assertThat(remote.reads.stream().filter(pack::equals)).hasSize(1);
    Path copy = first.directory().resolve(pack);
    byte[] bytes = Files.readAllBytes(copy);
    Files.write(copy, java.util.Arrays.copyOf(bytes, 150)); // truncated
    CachingStore second = open();
    second.treePacks(List.of(pack), true);
    assertThat(second.getRange(pack, 100, 50)).isEqualTo(range);
    assertThat(second.getRange(pack, 200, 50)).isEqualTo(again);
    assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
  }

  @Test
  void packsTheIndexNoLongerNamesLeaveTheCache() throws IOException {
    String gone = named("data/", 400);
    String stays = named("data/", 500);
    CachingStore first = open();
    first.treePacks(List.of(gone, stays), true);
    first.getRange(gone, 0, 10);
    first.getRange(stays, 0, 10);
    CachingStore second = open();
    second.treePacks(List.of(stays), true);
    assertThat(second.directory().resolve(gone)).doesNotExist();
    assertThat(second.directory().resolve(stays)).exists();
  }

  @Test
  void storesSharingTheCacheReadOnePackAtOnceAndKeepOneCopy() throws Exception {
    // Many rounds: the race (one store finds no copy, another writes it, the first then took the
    // fresh copy for a damaged one and deleted it) shows only now and then.
    for (int round = 0; round < 25; round++) {
      fourStoresReadOnePackAtOnce(200_000 + round);
    }
  }

  private void fourStoresReadOnePackAtOnce(int size) throws Exception {
    String pack = named("data/", size);
    byte[] expected = new byte[1000];
    remote.readRange(pack, 150_000, 1000, expected);
    List<CachingStore> stores = List.of(open(), open(), open(), open());
    List<java.util.concurrent.Future<byte[]>> reads = new ArrayList<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      for (CachingStore store : stores) {
        store.treePacks(List.of(pack), true);
        reads.add(pool.submit(() -> store.getRange(pack, 150_000, 1000)));
      }
      for (var read : reads) {
        assertThat(read.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    Path copy = stores.get(0).directory().resolve(pack);
    assertThat(Files.size(copy)).isEqualTo(size);
    try (var files = Files.list(copy.getParent())) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith(".")))
          .isEmpty(); // no temporary file left behind
    }
  }

  @Test
  void anUnusableRootMeansNoCacheAndNoFailure() throws IOException {
    Path file = Files.writeString(root.resolve("file"), "x");
    String key = named("index/", 100);
    CachingStore store = new CachingStore(remote, file);
    store.get("config").close();
    assertThat(store.directory()).isNull();
    read(store, "index/", key);
    assertThat(remote.reads).contains(key);
  }

  private CachingStore open() throws IOException {
    CachingStore store = new CachingStore(remote, root.resolve("cache"));
    store.get("config").close();
    return store;
  }

  private static List<byte[]> read(ObjectStore store, String prefix, String... keys)
      throws IOException {
    store.list(prefix);
    List<byte[]> out = new ArrayList<>();
    for (String key : keys) {
      try (InputStream in = store.get(key)) {
        out.add(in.readAllBytes());
      }
    }
    return out;
  }

  /** Stores random bytes under prefix + their SHA-256 (data/ packs in their two-letter folder). */
  private String named(String prefix, int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    String hex = HexFormat.of().formatHex(CacheDirectory.sha256(bytes, size));
    String key = prefix.equals("data/") ? prefix + hex.substring(0, 2) + "/" + hex : prefix + hex;
    remote.put(key, bytes);
    return key;
  }

  private static final class CountingStore extends MemoryStore {
    final List<String> reads = new ArrayList<>();

    @Override
    public InputStream get(String key) throws ObjectNotFoundException {
      reads.add(key);
      return super.get(key);
    }

    @Override
    public void readRange(String key, long offset, int length, byte[] into) throws IOException {
      reads.add(key);
      super.readRange(key, offset, length, into);
    }
  }
}

package io.volback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ObjectStoreContractTest is the behaviour every ObjectStore must have; one subclass per store. */
abstract class ObjectStoreContractTest {
  protected ObjectStore store;

  /** The info without its time, which tests cannot know in advance. */
  protected static ObjectInfo keyAndSize(ObjectInfo info) {
    return new ObjectInfo(info.key(), info.size());
  }

  protected static List<ObjectInfo> keysAndSizes(List<ObjectInfo> infos) {
    return infos.stream().map(ObjectStoreContractTest::keyAndSize).toList();
  }

  /** A fresh, empty store for one test. */
  protected abstract ObjectStore createStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = createStore();
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  @Test
  void getReturnsWhatPutStored() throws Exception {
    byte[] data = random(100_000, 1);
    store.put("data/ab/ab01", data);

    assertThat(readAll("data/ab/ab01")).isEqualTo(data);
  }

  @Test
  void emptyObjectRoundTrips() throws Exception {
    store.put("locks/empty", new byte[0]);

    assertThat(readAll("locks/empty")).isEmpty();
    assertThat(store.stat("locks/empty").map(ObjectStoreContractTest::keyAndSize))
        .contains(new ObjectInfo("locks/empty", 0));
  }

  @Test
  void statAndListGiveTheStoresTimeOfTheLastWrite() throws Exception {
    Instant before = Instant.now();
    store.put("locks/l1", new byte[] {1});
    Instant after = Instant.now();

    // S3 gives whole seconds: the time may be up to a second before the put began.
    Instant stat = store.stat("locks/l1").orElseThrow().lastModified();
    Instant listed = store.list("locks/").get(0).lastModified();
    for (Instant time : List.of(stat, listed)) {
      assertThat(time).isBetween(before.minusSeconds(2), after.plusSeconds(2));
    }
    assertThat(Duration.between(stat, listed).abs()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void getRangeReturnsTheRequestedSlice() throws Exception {
    byte[] data = random(10_000, 2);
    store.put("data/cd/cd01", data);

    assertThat(store.getRange("data/cd/cd01", 0, 10)).isEqualTo(Arrays.copyOfRange(data, 0, 10));
    assertThat(store.getRange("data/cd/cd01", 1234, 4000))
        .isEqualTo(Arrays.copyOfRange(data, 1234, 5234));
    assertThat(store.getRange("data/cd/cd01", 9990, 10))
        .isEqualTo(Arrays.copyOfRange(data, 9990, 10_000));
    assertThat(store.getRange("data/cd/cd01", 500, 0)).isEmpty();
  }

  @Test
  void getRangePastTheEndFailsPermanently() throws Exception {
    store.put("data/cd/cd02", random(100, 3));

    assertThatThrownBy(() -> store.getRange("data/cd/cd02", 90, 20))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("data/cd/cd02")
        .hasMessageContaining("100 bytes")
        .matches(e -> ((StoreException) e).permanent());
    assertThatThrownBy(() -> store.getRange("data/cd/cd02", 200, 1))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("100 bytes");
  }

  @Test
  void statReportsSizeOfExistingObject() throws Exception {
    store.put("snapshots/s1", random(4321, 4));

    assertThat(store.stat("snapshots/s1").map(ObjectStoreContractTest::keyAndSize))
        .contains(new ObjectInfo("snapshots/s1", 4321));
  }

  @Test
  void missingKeyIsNotFoundOrEmpty() throws Exception {
    assertThat(store.stat("index/missing")).isEmpty();
    assertThatThrownBy(() -> readAll("index/missing"))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining("index/missing");
    assertThatThrownBy(() -> store.getRange("index/missing", 0, 10))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining("index/missing");
    assertThatThrownBy(() -> store.getRange("index/missing", 0, 0))
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void listReturnsKeysUnderPrefixWithSlashSeparators() throws Exception {
    for (String key :
        List.of("config", "keys/k1", "data/ab/ab01", "data/ab/ab02", "data/cd/cd01", "index/i1")) {
      store.put(key, key.getBytes(StandardCharsets.UTF_8));
    }

    assertThat(keys(""))
        .containsExactlyInAnyOrder(
            "config", "keys/k1", "data/ab/ab01", "data/ab/ab02", "data/cd/cd01", "index/i1");
    assertThat(keys("data/"))
        .containsExactlyInAnyOrder("data/ab/ab01", "data/ab/ab02", "data/cd/cd01");
    assertThat(keys("data/ab/")).containsExactlyInAnyOrder("data/ab/ab01", "data/ab/ab02");
    assertThat(keys("data/a")).containsExactlyInAnyOrder("data/ab/ab01", "data/ab/ab02");
    assertThat(keys("snapshots/")).isEmpty();
    assertThat(keysAndSizes(store.list("keys/"))).containsExactly(new ObjectInfo("keys/k1", 7));
  }

  @Test
  void isEmptyUntilAnObjectIsStoredAndAgainOnceItIsDeleted() throws Exception {
    assertThat(store.isEmpty()).isTrue();
    store.put("other/tool/file", new byte[] {1});
    assertThat(store.isEmpty()).isFalse();
    store.delete("other/tool/file");
    assertThat(store.isEmpty()).isTrue();
  }

  @Test
  void deleteRemovesTheObjectAndIgnoresMissingKeys() throws Exception {
    store.put("locks/l1", random(10, 5));
    store.put("locks/l2", random(10, 6));

    store.delete("locks/l1");
    store.delete("locks/l1");
    store.delete("locks/never-existed");

    assertThat(store.stat("locks/l1")).isEmpty();
    assertThat(keys("locks/")).containsExactly("locks/l2");
  }

  @Test
  void putOverwritesAnExistingObject() throws Exception {
    store.put("config", random(5000, 7));
    byte[] smaller = random(10, 8);

    store.put("config", smaller);

    assertThat(readAll("config")).isEqualTo(smaller);
    assertThat(store.stat("config").map(ObjectStoreContractTest::keyAndSize))
        .contains(new ObjectInfo("config", 10));
  }

  @Test
  void putIfAbsentCreatesAMissingKeyAndNeverReplacesAnExistingOne() throws Exception {
    byte[] first = random(300, 10);

    assertThat(store.putIfAbsent("config", first)).isTrue();
    assertThat(store.putIfAbsent("config", random(200, 11))).isFalse();

    assertThat(readAll("config")).isEqualTo(first);
    assertThat(keys("")).containsExactly("config");
  }

  @Test
  void largeObjectRoundTrips() throws Exception {
    byte[] data = random(40 << 20, 9);
    store.put("data/ef/large", data);

    assertThat(store.stat("data/ef/large").map(ObjectStoreContractTest::keyAndSize))
        .contains(new ObjectInfo("data/ef/large", data.length));
    assertThat(readAll("data/ef/large")).isEqualTo(data);
    int across8MiB = (8 << 20) - 100;
    assertThat(store.getRange("data/ef/large", across8MiB, 200))
        .isEqualTo(Arrays.copyOfRange(data, across8MiB, across8MiB + 200));
  }

  @Test
  void concurrentPutsFromEightThreadsAllLand() throws Exception {
    int threads = 8;
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      contents.add(random(256 << 10, 100 + i));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int k = 0; k < 3; k++) {
                    store.put("data/" + n + "/own-" + k, contents.get(n));
                  }
                  store.put("index/shared", contents.get(n));
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> result : results) {
        result.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(keys("data/")).hasSize(threads * 3);
    for (int n = 0; n < threads; n++) {
      assertThat(readAll("data/" + n + "/own-2")).isEqualTo(contents.get(n));
    }
    byte[] shared = readAll("index/shared");
    assertThat(contents).anySatisfy(c -> assertThat(c).isEqualTo(shared));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/abs", "a//b", "a/../b", "..", "a\\b", "data/"})
  void invalidKeysAreRejectedNamingTheKey(String key) {
    assertThatThrownBy(() -> store.put(key, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + key + "'");
    assertThatThrownBy(() -> store.stat(key)).isInstanceOf(IllegalArgumentException.class);
  }

  protected byte[] readAll(String key) throws Exception {
    try (InputStream in = store.get(key)) {
      return in.readAllBytes();
    }
  }

  protected List<String> keys(String prefix) throws Exception {
    return store.list(prefix).stream().map(ObjectInfo::key).toList();
  }

  protected static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }
}

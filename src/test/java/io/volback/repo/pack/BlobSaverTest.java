package io.volback.repo.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.BlobType;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.crypto.BlobHasher;
import io.volback.repo.crypto.MasterKey;
import io.volback.repo.crypto.Sealer;
import io.volback.repo.index.Index;
import io.volback.repo.index.IndexEntry;
import io.volback.store.ObjectInfo;
import io.volback.store.StoreException;
import io.volback.testsupport.MemoryStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** BlobSaver's pooled pack buffers and BlobLoader's reused windows, on an in-memory store. */
class BlobSaverTest {
  private static final int PACK_SIZE = 64 << 10;
  private static final int MAX_BLOB = 4 << 10;

  private final MasterKey key = MasterKey.random();
  private final Sealer sealer = Sealer.forMasterKey(key);
  private final BlobCodec codec = new BlobCodec(sealer, new BlobHasher(key), 3);
  private final Index index = new Index();

  @Test
  void manyTinyBlobsEndInPacksThatHoldTheirHeaders() throws Exception {
    MemoryStore store = new MemoryStore();
    Map<Id, byte[]> saved = save(store, 3000, 10, 200, 1);

    List<ObjectInfo> packs = store.list("data/");
    assertThat(packs).hasSizeGreaterThan(3);
    List<IndexEntry> entries =
        saved.keySet().stream().map(id -> index.lookup(id).orElseThrow()).toList();
    Map<String, Long> blobsPerPack =
        entries.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    e -> RepoLayout.pack(e.pack()), java.util.stream.Collectors.counting()));
    for (ObjectInfo pack : packs) {
      assertThat(pack.size())
          .as(pack.key())
          .isLessThanOrEqualTo(
              PACK_SIZE + PackBuilder.headerBound(blobsPerPack.get(pack.key()).intValue()));
    }
    // A pack's blobs end within the pack size: a restore reads them in one window.
    assertThat(entries)
        .allSatisfy(e -> assertThat(e.offset() + e.length()).isLessThanOrEqualTo(PACK_SIZE));
    assertAllLoad(new BlobLoader(store, codec, index, PACK_SIZE), saved);
  }

  @Test
  void blobsLargerThanThePooledBuffersAreStoredToo() throws Exception {
    MemoryStore store = new MemoryStore();
    Map<Id, byte[]> saved = save(store, 20, 50_000, 200_000, 2);
    assertAllLoad(new BlobLoader(store, codec, index, PACK_SIZE), saved);
  }

  @Test
  void aFailedWindowReadIsRetriedByTheNextLoad() throws Exception {
    AtomicBoolean failNext = new AtomicBoolean();
    MemoryStore store =
        new MemoryStore() {
          @Override
          public void readRange(String key, long offset, int length, byte[] into)
              throws IOException {
            if (failNext.getAndSet(false)) {
              throw new StoreException("injected failure reading " + key, false, null);
            }
            super.readRange(key, offset, length, into);
          }
        };
    Map<Id, byte[]> saved = save(store, 50, 100, 3000, 3);
    BlobLoader loader = new BlobLoader(store, codec, index, PACK_SIZE);
    Id first = saved.keySet().iterator().next();

    failNext.set(true);
    assertThatThrownBy(() -> loader.load(first)).hasMessageContaining("injected failure");
    assertAllLoad(loader, saved);
  }

  @Test
  void asyncSavesStoreDuplicatesOnceAndFailLoudly() throws Exception {
    MemoryStore store = new MemoryStore();
    byte[] a = new byte[100_000];
    new Random(4).nextBytes(a);
    byte[] b = new byte[3000];
    new Random(5).nextBytes(b);
    try (BlobSaver saver = new BlobSaver(store, codec, sealer, index, PACK_SIZE, MAX_BLOB, 2, 2)) {
      List<java.util.concurrent.CompletableFuture<Id>> ids = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        ids.add(
            saver.saveAsync(
                BlobType.DATA, i % 2 == 0 ? a : b, 0, i % 2 == 0 ? a.length : b.length));
      }
      saver.flush();
      assertThat(ids.stream().map(java.util.concurrent.CompletableFuture::join).distinct())
          .containsExactly(codec.id(a), codec.id(b));
      assertThat(saver.stats().newBlobs()).isEqualTo(2);
    }

    MemoryStore broken =
        new MemoryStore() {
          @Override
          public void put(String key, byte[] data, int length) throws IOException {
            throw new StoreException("injected failure writing " + key, true, null);
          }
        };
    try (BlobSaver saver =
        new BlobSaver(broken, codec, sealer, new Index(), 1024, MAX_BLOB, 2, 2)) {
      saver.saveAsync(BlobType.DATA, a, 0, a.length);
      assertThatThrownBy(saver::flush).hasMessageContaining("injected failure");
    }
  }

  @Test
  void aFailedSaverLeavesNoClaimOrEntryInTheSharedIndex() throws Exception {
    byte[] a = new byte[100_000];
    new Random(6).nextBytes(a);
    AtomicBoolean failPacks = new AtomicBoolean(true);
    MemoryStore store =
        new MemoryStore() {
          @Override
          public void put(String key, byte[] data, int length) throws IOException {
            if (failPacks.get() && key.startsWith("data/")) {
              throw new StoreException("injected failure writing " + key, true, null);
            }
            super.put(key, data, length);
          }
        };
    Index shared = new Index();
    try (BlobSaver saver = new BlobSaver(store, codec, sealer, shared, 1024, MAX_BLOB, 2, 2)) {
      saver.saveAsync(BlobType.DATA, a, 0, a.length);
      assertThatThrownBy(saver::flush).hasMessageContaining("injected failure");
    }
    assertThat(shared.has(codec.id(a))).isFalse();

    failPacks.set(false);
    try (BlobSaver saver = new BlobSaver(store, codec, sealer, shared, 1024, MAX_BLOB, 2, 2)) {
      assertThat(saver.saveAsync(BlobType.DATA, a, 0, a.length).join()).isEqualTo(codec.id(a));
      assertThat(shared.has(codec.id(a))).as("known before its index object is stored").isFalse();
      saver.flush();
      assertThat(saver.stats().newBlobs()).isEqualTo(1);
    }
    assertThat(shared.has(codec.id(a))).isTrue();
    assertThat(store.list("index/")).hasSize(1);
  }

  @Test
  void aPackWhoseHeaderDoesNotDecodeIsNeverUploaded() throws Exception {
    MemoryStore store = new MemoryStore();
    byte[] a = new byte[3000];
    new Random(7).nextBytes(a);
    try (BlobSaver saver = new BlobSaver(store, codec, sealer, index, PACK_SIZE, MAX_BLOB, 2, 2)) {
      saver.onHeaderSealed((pack, off, len) -> pack[off + len / 2] ^= 1);
      saver.saveAsync(BlobType.DATA, a, 0, a.length);
      assertThatThrownBy(saver::flush)
          .isInstanceOf(CorruptObjectException.class)
          .hasMessageContaining("header of a new pack does not decode");
    }
    assertThat(store.list("data/")).isEmpty();
    assertThat(store.list("index/")).isEmpty();
    assertThat(index.has(codec.id(a))).isFalse();
  }

  @Test
  void allZeroChunksAreStoredOnceAndNeedNoHashingAfterTheFirst() throws Exception {
    MemoryStore store = new MemoryStore();
    byte[] zeros = new byte[MAX_BLOB];
    byte[] almost = new byte[MAX_BLOB];
    almost[MAX_BLOB / 2] = 1;
    try (BlobSaver saver = new BlobSaver(store, codec, sealer, index, PACK_SIZE, MAX_BLOB, 2, 2)) {
      List<Id> ids = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        ids.add(saver.saveAsync(BlobType.DATA, zeros, 0, zeros.length).join());
        ids.add(saver.saveAsync(BlobType.DATA, zeros, 0, 1000).join());
      }
      Id other = saver.saveAsync(BlobType.DATA, almost, 0, almost.length).join();
      saver.flush();
      assertThat(ids).containsOnly(codec.id(zeros), codec.id(new byte[1000]));
      assertThat(other).isEqualTo(codec.id(almost));
      assertThat(saver.stats().newBlobs()).isEqualTo(3);
    }
    assertAllLoad(
        new BlobLoader(store, codec, index, PACK_SIZE),
        Map.of(codec.id(zeros), zeros, codec.id(new byte[1000]), new byte[1000]));
  }

  @Test
  void bufferPoolLendsAtMostCountArraysAndDropsForeignOnes() throws Exception {
    BufferPool pool = new BufferPool(2, 16);
    byte[] a = pool.take();
    byte[] b = pool.take();
    assertThat(a).hasSize(16).isNotSameAs(b);
    pool.give(new byte[8]);

    List<byte[]> third = new ArrayList<>();
    Thread taker =
        new Thread(
            () -> {
              try {
                third.add(pool.take());
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    taker.start();
    taker.join(200);
    assertThat(taker.isAlive()).as("take() waits while both arrays are lent").isTrue();

    pool.give(a);
    taker.join(5000);
    assertThat(third).containsExactly(a);
  }

  private Map<Id, byte[]> save(MemoryStore store, int count, int minSize, int maxSize, long seed)
      throws IOException {
    Random random = new Random(seed);
    Map<Id, byte[]> saved = new LinkedHashMap<>();
    try (BlobSaver saver = new BlobSaver(store, codec, sealer, index, PACK_SIZE, MAX_BLOB, 2, 2)) {
      byte[] buffer = new byte[maxSize + 10];
      for (int i = 0; i < count; i++) {
        int size = minSize + random.nextInt(maxSize - minSize);
        int off = random.nextInt(10);
        random.nextBytes(buffer);
        Id id = saver.save(BlobType.DATA, buffer, off, size);
        saved.put(id, java.util.Arrays.copyOfRange(buffer, off, off + size));
      }
      saver.flush();
    }
    return saved;
  }

  private static void assertAllLoad(BlobLoader loader, Map<Id, byte[]> saved) throws IOException {
    for (Map.Entry<Id, byte[]> e : saved.entrySet()) {
      BlobData data = loader.load(e.getKey());
      assertThat(
              java.util.Arrays.copyOfRange(
                  data.bytes(), data.offset(), data.offset() + data.length()))
          .isEqualTo(e.getValue());
    }
  }
}

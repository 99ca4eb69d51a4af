package io.volback.repo.pack;

import io.volback.concurrent.DaemonPool;
import io.volback.concurrent.Interrupts;
import io.volback.concurrent.TaskTracker;
import io.volback.repo.BlobType;
import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.crypto.Sealer;
import io.volback.repo.index.Index;
import io.volback.repo.index.IndexCodec;
import io.volback.repo.index.IndexEntry;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * BlobSaver stores blobs and skips known ones. save() computes the blob id on the caller's thread;
 * saveAsync() computes it on a worker thread, so that the caller can read the next chunk meanwhile
 * (an all-zero chunk is the exception: recognised on the caller's thread, its id is hashed there
 * once per length and then remembered). Worker threads compress and seal new blobs into packs; full
 * packs are uploaded concurrently; index objects are written every INDEX_EVERY packs or
 * INDEX_MAX_BLOBS blobs and on flush. After flush() returns, every blob saved so far is stored and
 * indexed.
 *
 * <p>The shared Index holds only blobs of index objects on storage. What this saver claims and
 * stores lives in its own overlay (claimed, unindexed) until the index object describing it is
 * stored, and only then is merged into the shared index. A saver that fails is simply dropped with
 * its overlay: a later backup of the same run does not skip blobs that exist nowhere on storage.
 *
 * <p>Memory is two pools of reused buffers: one per worker (plus one being filled) for blobs
 * waiting to be compressed, and one per concurrent upload plus one open pack per blob type for
 * packs. Nothing is allocated per blob beyond its header entry, so the garbage collector has little
 * to do.
 */
public final class BlobSaver implements AutoCloseable {
  private static final int INDEX_EVERY = 64;
  // Bounds an index object, and the overlay, for volumes of many small files (restic: 50,000).
  static final int INDEX_MAX_BLOBS = 16_384;
  // Blobs up to this size are copied into arrays of their own: pooled buffers have the maximum
  // chunk size, and a volume of small files would otherwise have few blobs in flight.
  private static final int SMALL_BLOB = 64 << 10;
  private static final int ASYNC_IN_FLIGHT = 64;
  // Room in a pack buffer for the pack's header beyond packSize: ~3,000 blob entries.
  private static final int HEADER_ROOM = 512 << 10;

  private final ObjectStore store;
  private final BlobCodec codec;
  private final Sealer sealer;
  private final Index index;
  private final int packSize;
  private final DaemonPool workers;
  private final DaemonPool uploaders;
  private final BufferPool blobBuffers;
  private final BufferPool packBuffers;
  private final Semaphore asyncSlots;
  private final TaskTracker tasks = new TaskTracker();
  private final Map<BlobType, PackBuilder> openPacks = new EnumMap<>(BlobType.class);
  // Blobs this saver stores, until an index object on storage describes them.
  private final Set<Id> claimed = ConcurrentHashMap.newKeySet();
  // Entries of stored packs that no index object on storage describes yet.
  private final List<IndexEntry> unindexed = new ArrayList<>();
  private final ZeroChunks zeroChunks = new ZeroChunks();
  private PackBuilder.HeaderHook headerHook = PackBuilder.HeaderHook.NONE;
  private int unindexedPacks;
  private final AtomicLong newBlobs = new AtomicLong();
  private final AtomicLong newRawBytes = new AtomicLong();
  private final AtomicLong packsUploaded = new AtomicLong();
  private final AtomicLong storedBytes = new AtomicLong();
  private final Map<BlobType, AtomicLong> newBlobsOfType = new EnumMap<>(BlobType.class);
  private final Map<BlobType, AtomicLong> newRawBytesOfType = new EnumMap<>(BlobType.class);

  public BlobSaver(
      ObjectStore store,
      BlobCodec codec,
      Sealer sealer,
      Index index,
      int packSize,
      int maxBlobSize,
      int workerThreads,
      int concurrentUploads) {
    this.store = store;
    this.codec = codec;
    this.sealer = sealer;
    this.index = index;
    this.packSize = packSize;
    this.workers = DaemonPool.fixed("volback-seal", workerThreads, tasks);
    this.uploaders = DaemonPool.fixed("volback-upload", concurrentUploads, tasks);
    this.blobBuffers = new BufferPool(2 * workerThreads + 1, maxBlobSize);
    this.asyncSlots = new Semaphore(ASYNC_IN_FLIGHT);
    int packBuffer = Math.max(packSize, maxStoredLength(maxBlobSize)) + HEADER_ROOM;
    this.packBuffers = new BufferPool(concurrentUploads + BlobType.values().length, packBuffer);
    for (BlobType type : BlobType.values()) {
      newBlobsOfType.put(type, new AtomicLong());
      newRawBytesOfType.put(type, new AtomicLong());
    }
  }

  /**
   * Saves data[off, off+len) as a blob of type and returns its id; stores it only if it is new. The
   * data is copied before this returns: the caller may reuse its array.
   */
  public Id save(BlobType type, byte[] data, int off, int len) throws IOException {
    tasks.check();
    Id id = codec.id(data, off, len);
    if (!claim(id)) {
      return id;
    }
    storeAsync(id, type, copy(data, off, len), len);
    return id;
  }

  private void storeAsync(Id id, BlobType type, byte[] blob, int len) {
    workers.submit(
        () -> {
          try {
            storeNew(id, type, blob, len);
          } finally {
            blobBuffers.give(blob);
          }
        });
  }

  /**
   * Like save, but hashes on a worker thread too, so that the caller can read and cut the next
   * chunk meanwhile. The data is copied before this returns; the future fails when storing does.
   */
  public CompletableFuture<Id> saveAsync(BlobType type, byte[] data, int off, int len)
      throws IOException {
    tasks.check();
    Id zeros = zeroChunks.id(data, off, len);
    if (zeros != null) {
      // Sparse files: no copy, no hash, and stored once.
      if (claim(zeros)) {
        storeAsync(zeros, type, copy(data, off, len), len);
      }
      return CompletableFuture.completedFuture(zeros);
    }
    acquire(asyncSlots);
    byte[] blob;
    try {
      blob = copy(data, off, len);
    } catch (IOException | RuntimeException e) {
      asyncSlots.release();
      throw e;
    }
    CompletableFuture<Id> result = new CompletableFuture<>();
    workers.submit(
        () -> {
          try {
            Id id = codec.id(blob, 0, len);
            if (claim(id)) {
              storeNew(id, type, blob, len);
            }
            result.complete(id);
          } catch (Throwable t) {
            result.completeExceptionally(t);
            throw t;
          } finally {
            blobBuffers.give(blob);
            asyncSlots.release();
          }
        });
    return result;
  }

  /** Stores and indexes everything saved so far. */
  public void flush() throws IOException {
    tasks.awaitIdle();
    List<PackBuilder.FinishedPack> last = new ArrayList<>();
    synchronized (openPacks) {
      for (PackBuilder pack : openPacks.values()) {
        if (!pack.isEmpty()) {
          last.add(pack.finish(sealer, headerHook));
        }
      }
      openPacks.clear();
    }
    last.forEach(this::upload);
    tasks.awaitIdle();
    writeIndex();
  }

  /** How many new blobs of type this saver stored. */
  public long newBlobs(BlobType type) {
    return newBlobsOfType.get(type).get();
  }

  /** The plaintext bytes of the new blobs of type this saver stored. */
  public long newRawBytes(BlobType type) {
    return newRawBytesOfType.get(type).get();
  }

  public SaveStats stats() {
    return new SaveStats(newBlobs.get(), newRawBytes.get(), packsUploaded.get(), storedBytes.get());
  }

  /**
   * Stops the workers. Unless flush() returned, this saver's claims and unindexed entries are
   * dropped: the shared index never learns of blobs that no index object on storage describes.
   */
  @Override
  public void close() {
    workers.shutdownNow();
    uploaders.shutdownNow();
    claimed.clear();
    synchronized (unindexed) {
      unindexed.clear();
    }
  }

  /** Claims blob for storing; false when it is indexed on storage or claimed by this saver. */
  private boolean claim(Id blob) {
    return !index.has(blob) && claimed.add(blob);
  }

  /** Lets a test damage each sealed pack header before it is verified. */
  void onHeaderSealed(PackBuilder.HeaderHook hook) {
    this.headerHook = hook;
  }

  /** A copy of data[off, off+len): in a pooled buffer, or in an array of its own when small. */
  private byte[] copy(byte[] data, int off, int len) throws InterruptedIOException {
    boolean pooled = len > SMALL_BLOB && len <= blobBuffers.size();
    byte[] blob = pooled ? blobBuffers.take() : new byte[len];
    System.arraycopy(data, off, blob, 0, len);
    return blob;
  }

  private void storeNew(Id id, BlobType type, byte[] blob, int len) throws IOException {
    addToPack(id, type, codec.compress(blob, 0, len), len);
    newBlobs.incrementAndGet();
    newRawBytes.addAndGet(len);
    newBlobsOfType.get(type).incrementAndGet();
    newRawBytesOfType.get(type).addAndGet(len);
  }

  private void addToPack(Id id, BlobType type, BlobCodec.Payload payload, int rawLength)
      throws IOException {
    int stored = payload.storedLength();
    synchronized (openPacks) {
      PackBuilder pack = openPacks.get(type);
      if (pack != null && !pack.fits(stored)) {
        upload(pack.finish(sealer, headerHook));
        pack = null;
      }
      if (pack == null) {
        int needed = stored + PackBuilder.headerBound(1);
        pack =
            new PackBuilder(
                needed <= packBuffers.size() ? packBuffers.take() : new byte[needed], packSize);
        openPacks.put(type, pack);
      }
      pack.add(id, type, codec, payload, rawLength);
      if (pack.size() >= packSize) {
        upload(pack.finish(sealer, headerHook));
        openPacks.remove(type);
      }
    }
  }

  private static int maxStoredLength(int blobSize) {
    return Sealer.OVERHEAD + 1 + blobSize;
  }

  private void upload(PackBuilder.FinishedPack pack) {
    uploaders.submit(
        () -> {
          try {
            String key = RepoLayout.pack(pack.id());
            if (pack.entries().stream().allMatch(e -> e.type() == BlobType.TREE)) {
              store.treePacks(List.of(key), false);
            }
            store.put(key, pack.bytes(), pack.length());
            packsUploaded.incrementAndGet();
            storedBytes.addAndGet(pack.length());
            packStored(pack.entries());
          } finally {
            packBuffers.give(pack.bytes());
          }
        });
  }

  private void packStored(List<IndexEntry> entries) throws IOException {
    boolean due;
    synchronized (unindexed) {
      unindexed.addAll(entries);
      due = ++unindexedPacks >= INDEX_EVERY || unindexed.size() >= INDEX_MAX_BLOBS;
    }
    if (due) {
      writeIndex();
    }
  }

  private void writeIndex() throws IOException {
    List<IndexEntry> entries;
    synchronized (unindexed) {
      if (unindexed.isEmpty()) {
        return;
      }
      entries = new ArrayList<>(unindexed);
      unindexed.clear();
      unindexedPacks = 0;
    }
    byte[] sealed = sealer.seal(IndexCodec.write(entries));
    store.put(RepoLayout.index(Id.sha256(sealed)), sealed);
    // Only now may other backups rely on these blobs; the shared index knows them before the
    // claims go, so a blob is never unknown in between.
    index.addAll(entries);
    for (IndexEntry e : entries) {
      claimed.remove(e.blob());
    }
  }

  /**
   * ZeroChunks recognises all-zero chunks (holes of sparse files) with a vectorised compare and
   * remembers their ids by length, so a run of zeros costs neither a copy nor a hash.
   */
  private final class ZeroChunks {
    private static final int MAX_LENGTHS = 64;
    private final byte[] zeros = new byte[64 << 10];
    private final Map<Integer, Id> ids = new ConcurrentHashMap<>();

    /** The id of data[off, off+len) when it is all zeros, else null. */
    Id id(byte[] data, int off, int len) {
      if (len == 0 || data[off] != 0 || data[off + len - 1] != 0) {
        return null;
      }
      for (int at = 0; at < len; at += zeros.length) {
        int n = Math.min(zeros.length, len - at);
        if (Arrays.mismatch(data, off + at, off + at + n, zeros, 0, n) >= 0) {
          return null;
        }
      }
      Id id = ids.get(len);
      if (id == null) {
        id = codec.id(data, off, len);
        if (ids.size() < MAX_LENGTHS) {
          ids.put(len, id);
        }
      }
      return id;
    }
  }

  private static void acquire(Semaphore semaphore) throws InterruptedIOException {
    try {
      semaphore.acquire();
    } catch (InterruptedException e) {
      throw Interrupts.interrupted("storing data");
    }
  }
}

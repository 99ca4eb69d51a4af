package io.volback.repo;

import io.volback.repo.crypto.Sealer;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * BlobSaver stores blobs: the caller's thread computes the blob id and skips known blobs; worker
 * threads compress and seal new ones into packs; full packs are uploaded concurrently; index objects
 * are written every INDEX_EVERY packs and on flush. Memory is bounded by the bytes in flight and the
 * number of concurrent uploads. After flush() returns, every blob saved so far is stored and indexed.
 */
public final class BlobSaver implements AutoCloseable {
  private static final int INDEX_EVERY = 64;

  private final ObjectStore store;
  private final BlobCodec codec;
  private final Sealer sealer;
  private final Index index;
  private final int packSize;
  private final ExecutorService workers;
  private final ExecutorService uploaders;
  private final Semaphore bytesInFlight;
  private final int maxBytesInFlight;
  private final Semaphore uploadSlots;
  private final TaskTracker tasks = new TaskTracker();
  private final Map<BlobType, PackBuilder> openPacks = new EnumMap<>(BlobType.class);
  private final List<IndexEntry> unindexed = new ArrayList<>();
  private int unindexedPacks;
  private final AtomicLong newBlobs = new AtomicLong();
  private final AtomicLong newRawBytes = new AtomicLong();
  private final AtomicLong packsUploaded = new AtomicLong();
  private final AtomicLong storedBytes = new AtomicLong();

  BlobSaver(ObjectStore store, BlobCodec codec, Sealer sealer, Index index, int packSize,
      int workerThreads, int concurrentUploads) {
    this.store = store;
    this.codec = codec;
    this.sealer = sealer;
    this.index = index;
    this.packSize = packSize;
    this.workers = Executors.newFixedThreadPool(workerThreads, daemon("volback-seal"));
    this.uploaders = Executors.newFixedThreadPool(concurrentUploads, daemon("volback-upload"));
    this.maxBytesInFlight = (workerThreads + 1) * (8 << 20);
    this.bytesInFlight = new Semaphore(maxBytesInFlight);
    this.uploadSlots = new Semaphore(concurrentUploads);
  }

  /** Saves plaintext as a blob of type and returns its id; stores it only if it is new. */
  public Id save(BlobType type, byte[] plaintext) throws IOException {
    tasks.check();
    Id id = codec.id(plaintext);
    if (!index.claim(id)) {
      return id;
    }
    int permits = Math.min(plaintext.length, maxBytesInFlight);
    acquire(bytesInFlight, permits);
    tasks.started();
    workers.execute(() -> {
      Throwable error = null;
      try {
        byte[] stored = codec.encode(plaintext);
        newBlobs.incrementAndGet();
        newRawBytes.addAndGet(plaintext.length);
        addToPack(id, type, stored, plaintext.length);
      } catch (Throwable t) {
        error = t;
      } finally {
        bytesInFlight.release(permits);
        tasks.finished(error);
      }
    });
    return id;
  }

  /** Stores and indexes everything saved so far. */
  public void flush() throws IOException {
    tasks.awaitIdle();
    List<PackBuilder.FinishedPack> last = new ArrayList<>();
    synchronized (openPacks) {
      for (PackBuilder pack : openPacks.values()) {
        if (!pack.isEmpty()) {
          last.add(pack.finish(sealer));
        }
      }
      openPacks.clear();
    }
    for (PackBuilder.FinishedPack pack : last) {
      upload(pack);
    }
    tasks.awaitIdle();
    writeIndex();
  }

  public SaveStats stats() {
    return new SaveStats(newBlobs.get(), newRawBytes.get(), packsUploaded.get(), storedBytes.get());
  }

  @Override
  public void close() {
    workers.shutdownNow();
    uploaders.shutdownNow();
  }

  private void addToPack(Id id, BlobType type, byte[] stored, int rawLength) throws IOException {
    PackBuilder.FinishedPack full = null;
    synchronized (openPacks) {
      PackBuilder pack = openPacks.computeIfAbsent(type, t -> new PackBuilder());
      pack.add(id, type, stored, rawLength);
      if (pack.size() >= packSize) {
        full = pack.finish(sealer);
        openPacks.remove(type);
      }
    }
    if (full != null) {
      upload(full);
    }
  }

  private void upload(PackBuilder.FinishedPack pack) throws IOException {
    acquire(uploadSlots, 1);
    tasks.started();
    uploaders.execute(() -> {
      Throwable error = null;
      try {
        store.put(RepoLayout.pack(pack.id()), pack.bytes());
        packsUploaded.incrementAndGet();
        storedBytes.addAndGet(pack.bytes().length);
        index.addAll(pack.entries());
        packStored(pack.entries());
      } catch (Throwable t) {
        error = t;
      } finally {
        uploadSlots.release();
        tasks.finished(error);
      }
    });
  }

  private void packStored(List<IndexEntry> entries) throws IOException {
    boolean due;
    synchronized (unindexed) {
      unindexed.addAll(entries);
      due = ++unindexedPacks >= INDEX_EVERY;
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
    byte[] sealed = sealer.seal(Json.write(IndexFile.of(entries)));
    store.put(RepoLayout.index(Id.sha256(sealed)), sealed);
  }

  private static void acquire(Semaphore semaphore, int permits) throws InterruptedIOException {
    try {
      semaphore.acquire(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while storing data");
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}

package io.volback.restore;

import io.volback.entry.ConcurrentFileSink;
import io.volback.entry.EntrySink;
import io.volback.entry.FileEntry;
import io.volback.repo.Id;
import io.volback.repo.pack.BlobLoader;
import io.volback.repo.pack.TaskTracker;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * FileWriters writes the files of a restore: on several threads when the sink is a
 * ConcurrentFileSink (fetching, verifying, decompressing and writing files in parallel), else in
 * the caller's thread. At most MAX_IN_FLIGHT files are open at a time.
 */
final class FileWriters implements AutoCloseable {
  private static final int MAX_IN_FLIGHT = 16;

  private final EntrySink sink;
  private final BlobLoader loader;
  private final RestoreListener listener;
  private final ExecutorService pool;
  private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
  private final TaskTracker tasks = new TaskTracker();

  FileWriters(EntrySink sink, BlobLoader loader, RestoreListener listener) {
    this.sink = sink;
    this.loader = loader;
    this.listener = listener;
    int threads = 2 * Runtime.getRuntime().availableProcessors();
    this.pool = sink instanceof ConcurrentFileSink && threads > 1
        ? Executors.newFixedThreadPool(threads, r -> {
          Thread t = new Thread(r, "volback-restore");
          t.setDaemon(true);
          return t;
        })
        : null;
  }

  /** Writes a FILE entry whose content is the given blobs. */
  void write(FileEntry entry, List<Id> content) throws IOException {
    tasks.check();
    if (pool == null) {
      try (InputStream in = new ContentStream(loader, content, entry.size(), entry.path())) {
        sink.write(entry, in);
      }
      listener.entryDone(entry);
      return;
    }
    // The slot first: a prepared file is already created and open.
    acquireSlot();
    ConcurrentFileSink.FileWrite write;
    try {
      write = ((ConcurrentFileSink) sink).prepareFile(entry);
    } catch (IOException | RuntimeException e) {
      slots.release();
      throw e;
    }
    tasks.started();
    pool.execute(() -> {
      Throwable error = null;
      try (InputStream in = new ContentStream(loader, content, entry.size(), entry.path())) {
        write.write(in);
        listener.entryDone(entry);
      } catch (Throwable t) {
        error = t;
      } finally {
        slots.release();
        tasks.finished(error);
      }
    });
  }

  /** Waits until every file written so far is complete; rethrows the first failure. */
  void awaitAll() throws IOException {
    tasks.awaitIdle();
  }

  /** Stops the writers; after a failure, waits for files in flight so nothing is written later. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void acquireSlot() throws InterruptedIOException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while restoring");
    }
  }
}

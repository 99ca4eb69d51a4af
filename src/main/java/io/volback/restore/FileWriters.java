package io.volback.restore;

import io.volback.concurrent.DaemonPool;
import io.volback.concurrent.Interrupts;
import io.volback.concurrent.TaskTracker;
import io.volback.entry.ConcurrentFileSink;
import io.volback.entry.EntrySink;
import io.volback.entry.FileEntry;
import io.volback.repo.Id;
import io.volback.repo.pack.BlobLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;

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
  private final DaemonPool pool;
  private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
  private final TaskTracker tasks = new TaskTracker();

  FileWriters(EntrySink sink, BlobLoader loader, RestoreListener listener) {
    this.sink = sink;
    this.loader = loader;
    this.listener = listener;
    int threads = 2 * Runtime.getRuntime().availableProcessors();
    this.pool =
        sink instanceof ConcurrentFileSink && threads > 1
            ? DaemonPool.fixed("volback-restore", threads, tasks)
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
    pool.submit(
        () -> {
          try (InputStream in = new ContentStream(loader, content, entry.size(), entry.path())) {
            write.write(in);
            listener.entryDone(entry);
          } finally {
            slots.release();
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
        pool.awaitTermination(Duration.ofMinutes(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void acquireSlot() throws InterruptedIOException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      throw Interrupts.interrupted("restoring");
    }
  }
}

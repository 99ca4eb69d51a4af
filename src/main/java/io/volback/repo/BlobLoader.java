package io.volback.repo;

import io.volback.store.ObjectStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * BlobLoader reads blobs and verifies each one (authentication tag and keyed hash) before handing it
 * out. Restores read packs mostly in the order they were written, so it fetches aligned windows of
 * WINDOW bytes and serves the following blobs of the same pack from them; a blob that straddles a
 * window edge is fetched on its own. Thread-safe: concurrent readers share fetches, and decode in
 * parallel.
 */
final class BlobLoader {
  private static final int WINDOW = 4 << 20;
  private static final int CACHED_WINDOWS = 6;

  private final ObjectStore store;
  private final BlobCodec codec;
  private final Index index;
  private final Map<WindowKey, CompletableFuture<byte[]>> windows =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<WindowKey, CompletableFuture<byte[]>> eldest) {
          return size() > CACHED_WINDOWS;
        }
      };

  BlobLoader(ObjectStore store, BlobCodec codec, Index index) {
    this.store = store;
    this.codec = codec;
    this.index = index;
  }

  /** The verified plaintext of blob; CorruptObjectException names the pack when it fails. */
  BlobData load(Id blob) throws IOException {
    return load(blob, new BlobCodec.DecodeBuffers());
  }

  /** Like load(blob), decoding into buffers: the result is valid until buffers are used again. */
  BlobData load(Id blob, BlobCodec.DecodeBuffers buffers) throws IOException {
    IndexEntry e = index.lookup(blob).orElseThrow(() -> new RepositoryException(
        "blob " + blob.shortHex() + " is not in the repository index (run 'volback check')"));
    String key = RepoLayout.pack(e.pack());
    long start = e.offset() / WINDOW * WINDOW;
    long end = Math.min(start + WINDOW, Math.max(index.packDataEnd(e.pack()), e.offset() + e.length()));
    if (e.offset() + e.length() > end) {
      byte[] bytes = store.getRange(key, e.offset(), e.length());
      return decode(bytes, 0, e, blob, key, buffers);
    }
    byte[] window = window(new WindowKey(e.pack(), start), key, start, (int) (end - start));
    return decode(window, (int) (e.offset() - start), e, blob, key, buffers);
  }

  private BlobData decode(byte[] bytes, int off, IndexEntry e, Id blob, String key,
      BlobCodec.DecodeBuffers buffers) throws CorruptObjectException {
    if (bytes.length < off + e.length()) {
      throw new CorruptObjectException(key + ": pack is shorter than the index says");
    }
    return codec.decode(bytes, off, e.length(), blob, e.rawLength(), key, buffers);
  }

  private byte[] window(WindowKey wk, String key, long start, int length) throws IOException {
    CompletableFuture<byte[]> future;
    boolean mine = false;
    synchronized (windows) {
      future = windows.get(wk);
      if (future == null) {
        future = new CompletableFuture<>();
        windows.put(wk, future);
        mine = true;
      }
    }
    if (mine) {
      try {
        future.complete(store.getRange(key, start, length));
      } catch (IOException | RuntimeException ex) {
        synchronized (windows) {
          windows.remove(wk, future);
        }
        future.completeExceptionally(ex);
        throw ex;
      }
    }
    try {
      return future.get();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + key);
    } catch (ExecutionException ex) {
      if (ex.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("reading " + key + " failed: " + ex.getCause(), ex.getCause());
    }
  }

  private record WindowKey(Id pack, long start) {}
}

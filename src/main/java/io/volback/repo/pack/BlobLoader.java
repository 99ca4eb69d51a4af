package io.volback.repo.pack;

import io.volback.concurrent.Interrupts;
import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.RepositoryException;
import io.volback.repo.index.Index;
import io.volback.repo.index.IndexEntry;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * BlobLoader reads blobs and verifies each one (authentication tag and keyed hash) before handing
 * it out. Restores read packs mostly in the order they were written, so it fetches aligned windows
 * of the repository's pack size, in practice a pack's whole data in one request, and serves the
 * following blobs of the same pack from them; a blob that straddles a window edge (only in a pack
 * larger than the pack size) is fetched on its own. Thread-safe: concurrent readers share fetches,
 * and decode in parallel.
 *
 * <p>Window buffers are reused: a window evicted from the cache goes back to a free list once its
 * last reader has decoded from it, so a restore does not allocate one per window.
 */
public final class BlobLoader {
  private static final int CACHED_WINDOWS = 4;
  private static final int FREE_BUFFERS = 2;

  private final int cachedWindows;
  private final int freeBuffers;

  private final ObjectStore store;
  private final BlobCodec codec;
  private final Index index;
  private final int window;
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();
  private final Map<WindowKey, Window> windows =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<WindowKey, Window> eldest) {
          if (size() <= cachedWindows) {
            return false;
          }
          evict(eldest.getValue());
          return true;
        }
      };

  public BlobLoader(ObjectStore store, BlobCodec codec, Index index, int window) {
    this(store, codec, index, window, CACHED_WINDOWS, FREE_BUFFERS);
  }

  /**
   * A loader that keeps cachedWindows windows and freeBuffers spare buffers: fewer for a reader
   * that goes through packs in order on one thread (copy), whose memory is shared with a saver.
   */
  public BlobLoader(
      ObjectStore store,
      BlobCodec codec,
      Index index,
      int window,
      int cachedWindows,
      int freeBuffers) {
    this.cachedWindows = cachedWindows;
    this.freeBuffers = freeBuffers;
    this.store = store;
    this.codec = codec;
    this.index = index;
    this.window = window;
  }

  /** The verified plaintext of blob; CorruptObjectException names the pack when it fails. */
  public BlobData load(Id blob) throws IOException {
    return load(blob, new BlobCodec.DecodeBuffers());
  }

  /** Like load(blob), decoding into buffers: the result is valid until buffers are used again. */
  public BlobData load(Id blob, BlobCodec.DecodeBuffers buffers) throws IOException {
    IndexEntry e =
        index
            .lookup(blob)
            .orElseThrow(
                () ->
                    new RepositoryException(
                        "blob "
                            + blob.shortHex()
                            + " is not in the repository index: the repository lacks data"
                            + " this snapshot needs (volback check names what else is affected);"
                            + " restore from another snapshot"));
    String key = RepoLayout.pack(e.pack());
    long start = e.offset() / window * window;
    long end =
        Math.min(start + window, Math.max(index.packDataEnd(e.pack()), e.offset() + e.length()));
    if (e.offset() + e.length() > end) {
      byte[] bytes = store.getRange(key, e.offset(), e.length());
      return codec.decode(bytes, 0, e.length(), blob, e.rawLength(), key, buffers);
    }
    Window window = enter(new WindowKey(e.pack(), start));
    try {
      byte[] bytes = window.bytes(store, key, start, (int) (end - start));
      return codec.decode(
          bytes, (int) (e.offset() - start), e.length(), blob, e.rawLength(), key, buffers);
    } finally {
      leave(window);
    }
  }

  private Window enter(WindowKey key) {
    synchronized (windows) {
      Window w = windows.get(key);
      if (w == null) {
        w = new Window(free.isEmpty() ? new byte[window] : free.pop());
        windows.put(key, w);
      }
      w.readers++;
      return w;
    }
  }

  private void leave(Window w) {
    synchronized (windows) {
      w.readers--;
      if (w.failed) {
        windows.values().remove(w);
        w.evicted = true;
      }
      recycleIfDone(w);
    }
  }

  private void evict(Window w) {
    w.evicted = true;
    recycleIfDone(w);
  }

  private void recycleIfDone(Window w) {
    if (w.evicted && w.readers == 0 && !w.recycled) {
      w.recycled = true;
      if (free.size() < freeBuffers) {
        free.push(w.buffer);
      }
    }
  }

  /** Window is one cached range of a pack, read by the first reader that needs it. */
  private static final class Window {
    final byte[] buffer;
    final CompletableFuture<Void> loaded = new CompletableFuture<>();
    boolean loading;
    int readers;
    boolean evicted;
    volatile boolean failed;
    boolean recycled;

    Window(byte[] buffer) {
      this.buffer = buffer;
    }

    byte[] bytes(ObjectStore store, String key, long start, int length) throws IOException {
      boolean mine;
      synchronized (this) {
        mine = !loading;
        loading = true;
      }
      if (mine) {
        try {
          store.readRange(key, start, length, buffer);
          loaded.complete(null);
        } catch (IOException | RuntimeException ex) {
          failed = true;
          loaded.completeExceptionally(ex);
          throw ex;
        }
      }
      try {
        loaded.get();
        return buffer;
      } catch (InterruptedException ex) {
        throw Interrupts.interrupted("reading " + key);
      } catch (ExecutionException ex) {
        if (ex.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IOException("reading " + key + " failed: " + ex.getCause(), ex.getCause());
      }
    }
  }

  private record WindowKey(Id pack, long start) {}
}

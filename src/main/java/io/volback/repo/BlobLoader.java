package io.volback.repo;

import io.volback.store.ObjectStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BlobLoader reads blobs and verifies each one (authentication tag and keyed hash) before handing it
 * out. Restores read packs mostly in the order they were written, so it fetches a window of up to
 * WINDOW bytes from the blob onwards and serves following blobs of the same pack from it.
 */
final class BlobLoader {
  private static final int WINDOW = 8 << 20;
  private static final int CACHED_WINDOWS = 4;

  private final ObjectStore store;
  private final BlobCodec codec;
  private final Index index;
  private final Map<Id, Window> windows = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Id, Window> eldest) {
      return size() > CACHED_WINDOWS;
    }
  };

  BlobLoader(ObjectStore store, BlobCodec codec, Index index) {
    this.store = store;
    this.codec = codec;
    this.index = index;
  }

  /** The verified plaintext of blob; CorruptObjectException names the pack when it fails. */
  synchronized byte[] load(Id blob) throws IOException {
    IndexEntry e = index.lookup(blob).orElseThrow(() -> new RepositoryException(
        "blob " + blob.shortHex() + " is not in the repository index (run 'volback check')"));
    String key = RepoLayout.pack(e.pack());
    Window w = windows.get(e.pack());
    if (w == null || !w.covers(e)) {
      long end = Math.max(index.packDataEnd(e.pack()), e.offset() + e.length());
      int len = (int) Math.min(Math.max(WINDOW, e.length()), end - e.offset());
      w = new Window(e.offset(), store.getRange(key, e.offset(), len));
      windows.put(e.pack(), w);
    }
    int off = (int) (e.offset() - w.offset());
    if (w.bytes().length < off + e.length()) {
      throw new CorruptObjectException(key + ": pack is shorter than the index says");
    }
    return codec.decode(w.bytes(), off, e.length(), blob, e.rawLength(), key);
  }

  private record Window(long offset, byte[] bytes) {
    boolean covers(IndexEntry e) {
      return e.offset() >= offset && e.offset() + e.length() <= offset + bytes.length;
    }
  }
}

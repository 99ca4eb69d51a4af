package io.volback.entry;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * EntrySink writes a file tree streamed to it in EntrySource order. Directory metadata (mode,
 * times) may be applied in finish(), after the children are written.
 */
public interface EntrySink extends Closeable {
  /** content is non-null exactly for FILE entries and delivers entry.size() bytes. */
  void write(FileEntry entry, InputStream content) throws IOException;

  /** Completes the tree; called once after the last entry when everything succeeded. */
  void finish() throws IOException;
}

package io.volback.entry;

import java.io.IOException;

/**
 * EntrySource streams a file tree: the root "/" first, every directory before its children, and a
 * hard link's target before the link. Nothing is staged: entries and contents are streamed.
 */
public interface EntrySource {
  void forEach(EntryVisitor visitor) throws IOException;
}

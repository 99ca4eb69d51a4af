package io.volback.entry;

import java.io.IOException;

/** EntryVisitor receives the entries of an EntrySource one by one. */
@FunctionalInterface
public interface EntryVisitor {
  /** content is null for anything but FILE entries. */
  void visit(FileEntry entry, ContentOpener content) throws IOException;
}

package io.volback.backup;

import io.volback.entry.FileEntry;

/**
 * BackupListener hears of a backup's progress: each entry done, content bytes read, and warnings
 * about what the backup worked around (a parent snapshot it could not use).
 */
public interface BackupListener {
  BackupListener NONE = new BackupListener() {};

  /** entry is stored; change says whether it is new, modified or unchanged since the parent. */
  default void entryDone(FileEntry entry, EntryChange change) {}

  default void bytesRead(long n) {}

  default void warning(String message) {}
}

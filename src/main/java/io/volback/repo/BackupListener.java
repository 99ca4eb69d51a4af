package io.volback.repo;

import io.volback.entry.FileEntry;

/** BackupListener hears of a backup's progress: each entry done and content bytes read. */
public interface BackupListener {
  BackupListener NONE = new BackupListener() {};

  default void entryDone(FileEntry entry, boolean contentRead) {}

  default void bytesRead(long n) {}
}

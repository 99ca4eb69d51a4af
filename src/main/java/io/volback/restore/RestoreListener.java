package io.volback.restore;

import io.volback.entry.FileEntry;

/** RestoreListener hears of a restore's progress, entry by entry. */
public interface RestoreListener {
  RestoreListener NONE = new RestoreListener() {};

  default void entryDone(FileEntry entry) {}
}

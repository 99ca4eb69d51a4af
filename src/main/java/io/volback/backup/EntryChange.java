package io.volback.backup;

/**
 * EntryChange says what a backup found for a regular file compared with the parent snapshot: NEW
 * (not in the parent, or no parent), MODIFIED (in the parent, content read again) or UNCHANGED
 * (taken from the parent without reading). OTHER is every entry that is not a regular file.
 */
public enum EntryChange {
  NEW,
  MODIFIED,
  UNCHANGED,
  OTHER;

  /** Whether the entry's content was read. */
  public boolean contentRead() {
    return this == NEW || this == MODIFIED;
  }
}

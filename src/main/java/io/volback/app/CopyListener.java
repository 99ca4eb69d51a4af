package io.volback.app;

import io.volback.repo.snapshot.StoredSnapshot;

/** CopyListener hears of a copy snapshot by snapshot: for progress and the per-snapshot lines. */
public interface CopyListener {
  CopyListener NONE = new CopyListener() {};

  /** Copying source starts; its files hold totalBytes bytes. */
  default void snapshotStarted(StoredSnapshot source, long totalBytes) {}

  /** n more bytes of file content were read from the source (and stored in the target if new). */
  default void bytesCopied(long n) {}

  /** The snapshot is done: copied, skipped or (dry run) would be copied. */
  default void snapshotFinished(CopyResult.Copied outcome) {}
}

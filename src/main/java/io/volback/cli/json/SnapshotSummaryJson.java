package io.volback.cli.json;

import io.volback.repo.snapshot.SnapshotStats;
import java.time.Instant;

/**
 * SnapshotSummaryJson is the `summary` of a stored snapshot, with restic's names for what volback
 * records (restic's files_new, files_changed, dirs_* and data_blobs/tree_blobs are not recorded in
 * a snapshot; docs/json.md lists them). files_read is volback's: files whose content was read.
 */
public record SnapshotSummaryJson(
    Instant backupStart,
    Instant backupEnd,
    long filesUnmodified,
    long filesRead,
    long totalFilesProcessed,
    long totalDirsProcessed,
    long totalOthersProcessed,
    long totalBytesProcessed,
    long bytesRead,
    long blobsAdded,
    long dataAdded,
    long dataAddedPacked) {

  static SnapshotSummaryJson of(Instant start, SnapshotStats s) {
    return new SnapshotSummaryJson(
        start,
        start.plusMillis(s.durationMillis()),
        s.files() - s.filesRead(),
        s.filesRead(),
        s.files(),
        s.dirs(),
        s.others(),
        s.bytes(),
        s.bytesRead(),
        s.newBlobs(),
        s.newRawBytes(),
        s.storedBytes());
  }
}

package io.volback.cli.json;

import io.volback.app.SnapshotSummary;
import io.volback.repo.snapshot.SnapshotStats;
import java.time.Instant;

/**
 * BackupSummaryJson is the line backup prints per volume (or --path directory) it snapshotted,
 * shaped as restic's backup summary. files_new, files_changed and files_unmodified are counted as
 * the files are processed; the rest comes from the snapshot's statistics.
 */
public record BackupSummaryJson(
    String messageType,
    String volume,
    String dockerHost,
    String snapshotId,
    String shortId,
    String parent,
    long filesNew,
    long filesChanged,
    long filesUnmodified,
    long totalFilesProcessed,
    long totalDirsProcessed,
    long totalOthersProcessed,
    long totalBytesProcessed,
    long bytesRead,
    long blobsAdded,
    long dataAdded,
    long dataAddedPacked,
    double totalDuration,
    Instant backupStart,
    Instant backupEnd,
    String readPath,
    SkippedJson skipped) {

  /** FileChanges counts the regular files of one backup by what happened to them. */
  public record FileChanges(long added, long changed, long unchanged) {}

  public static BackupSummaryJson of(SnapshotSummary s, FileChanges changes) {
    SnapshotStats st = s.stats();
    return new BackupSummaryJson(
        "summary",
        s.source().name(),
        s.source().dockerHost(),
        s.id(),
        s.shortId(),
        s.parent(),
        changes.added(),
        changes.changed(),
        changes.unchanged(),
        st.files(),
        st.dirs(),
        st.others(),
        st.bytes(),
        st.bytesRead(),
        st.newBlobs(),
        st.newRawBytes(),
        st.storedBytes(),
        st.durationMillis() / 1000.0,
        s.time(),
        s.time().plusMillis(st.durationMillis()),
        s.source().readPath(),
        SkippedJson.of(s.skipped()));
  }
}

package io.volback.app;

import java.util.List;

/**
 * CopyResult is what a copy did: each selected snapshot's outcome, and what the target received
 * (only the blobs it lacked: a second copy of the same snapshots uploads nothing).
 */
public record CopyResult(
    List<Copied> snapshots,
    long dataBlobsUploaded,
    long dataBytesUploaded,
    long treeBlobsUploaded,
    long packsUploaded,
    long bytesUploaded,
    boolean dryRun) {

  public CopyResult {
    snapshots = List.copyOf(snapshots);
  }

  public long copiedCount() {
    return snapshots.stream().filter(c -> c.status() == Status.COPIED).count();
  }

  public long skippedCount() {
    return snapshots.stream().filter(c -> c.status() == Status.SKIPPED).count();
  }

  /** What happened to one snapshot of the source. */
  public enum Status {
    COPIED,
    SKIPPED,
    WOULD_COPY
  }

  /**
   * Copied is one source snapshot's outcome: targetId is the new snapshot's id (null unless
   * copied); existingCopy the target snapshot that already holds it (when skipped).
   */
  public record Copied(
      String sourceId,
      String volume,
      Status status,
      String targetId,
      String existingCopy,
      long dataBlobsUploaded,
      long bytesUploaded) {}
}

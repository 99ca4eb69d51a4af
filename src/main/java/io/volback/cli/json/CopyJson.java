package io.volback.cli.json;

import io.volback.app.CopyResult;
import java.util.List;
import java.util.Locale;

/**
 * CopyJson is the one document of `copy --json`: each selected snapshot's outcome, then what the
 * target received (only the blobs it lacked).
 */
public record CopyJson(
    boolean dryRun,
    List<CopiedJson> snapshots,
    long snapshotsCopied,
    long snapshotsSkipped,
    long dataBlobs,
    long dataAdded,
    long treeBlobs,
    long packsUploaded,
    long dataAddedPacked) {

  public static CopyJson of(CopyResult r) {
    return new CopyJson(
        r.dryRun(),
        r.snapshots().stream().map(CopiedJson::of).toList(),
        r.copiedCount(),
        r.skippedCount(),
        r.dataBlobsUploaded(),
        r.dataBytesUploaded(),
        r.treeBlobsUploaded(),
        r.packsUploaded(),
        r.bytesUploaded());
  }

  /**
   * CopiedJson is one source snapshot: status copied (target_id the new snapshot), skipped
   * (existing_copy the target snapshot that holds it already) or would_copy (--dry-run).
   */
  public record CopiedJson(
      String sourceId,
      String shortId,
      String volume,
      String status,
      String targetId,
      String existingCopy,
      Long dataBlobs,
      Long dataAddedPacked) {

    static CopiedJson of(CopyResult.Copied c) {
      boolean copied = c.status() == CopyResult.Status.COPIED;
      return new CopiedJson(
          c.sourceId(),
          c.sourceId().substring(0, 8),
          c.volume(),
          c.status().name().toLowerCase(Locale.ROOT),
          c.targetId(),
          c.existingCopy(),
          copied ? c.dataBlobsUploaded() : null,
          copied ? c.bytesUploaded() : null);
    }
  }
}

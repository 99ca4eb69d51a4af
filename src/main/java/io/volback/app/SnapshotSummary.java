package io.volback.app;

import io.volback.repo.snapshot.Snapshot;
import io.volback.repo.snapshot.SnapshotStats;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * SnapshotSummary is what users see of a snapshot in listings and --json output; skipped lists the
 * entries the backup left out (count 0 when none, or for snapshots that did not record them).
 */
public record SnapshotSummary(
    String id,
    String shortId,
    Instant time,
    String hostname,
    String username,
    SourceInfo source,
    List<String> tags,
    String parent,
    SnapshotStats stats,
    Snapshot.Skipped skipped) {

  public static SnapshotSummary of(StoredSnapshot s) {
    var snap = s.snapshot();
    return new SnapshotSummary(
        s.id().hex(),
        s.id().shortHex(),
        snap.time(),
        snap.hostname(),
        snap.username(),
        Redaction.source(snap.source()),
        snap.tags(),
        snap.parent(),
        snap.stats(),
        snap.skippedOrNone());
  }

  /** Whether the backup left entries out: then the snapshot is incomplete. */
  public boolean incomplete() {
    return skipped.count() > 0;
  }
}

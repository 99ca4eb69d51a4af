package io.volback.cli.json;

import io.volback.app.RestoreSnapshot;
import io.volback.app.RestoreToDirectory;

/**
 * RestoreSummaryJson is the last line of `restore --json`: which snapshot went into which volume on
 * which Docker host (or, with --target, into which directory: "target"), whether the volume was
 * created, how it was written ("api", "mountpoint" or "directory"), and what was restored (restic's
 * files_restored and bytes_restored, plus the directories and other entries); with --delete,
 * files_deleted (restic 0.17's name) counts the entries removed from the target, everything below a
 * removed directory included.
 */
public record RestoreSummaryJson(
    String messageType,
    String snapshotId,
    String shortId,
    String volume,
    String dockerHost,
    String target,
    boolean created,
    String writePath,
    double secondsElapsed,
    long filesRestored,
    long dirsRestored,
    long othersRestored,
    long bytesRestored,
    Long filesDeleted) {

  public static RestoreSummaryJson of(RestoreSnapshot.Result r) {
    return new RestoreSummaryJson(
        "summary",
        r.snapshot().id(),
        r.snapshot().shortId(),
        r.volume(),
        r.host(),
        null,
        r.created(),
        r.writePath(),
        r.stats().durationMillis() / 1000.0,
        r.stats().files(),
        r.stats().dirs(),
        r.stats().others(),
        r.stats().bytes(),
        r.removedExtras());
  }

  public static RestoreSummaryJson of(RestoreToDirectory.Result r) {
    return new RestoreSummaryJson(
        "summary",
        r.snapshot().id(),
        r.snapshot().shortId(),
        null,
        null,
        r.directory(),
        false,
        "directory",
        r.stats().durationMillis() / 1000.0,
        r.stats().files(),
        r.stats().dirs(),
        r.stats().others(),
        r.stats().bytes(),
        r.removedExtras());
  }
}

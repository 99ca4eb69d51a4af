package io.volback.cli.json;

/**
 * StatusJson is a progress line of backup or restore under --json, printed on stdout at the
 * progress rate: action ("backup" or "restore"), the volume (or source name), seconds elapsed,
 * files and bytes done. total_bytes, percent_done (0..1) and seconds_remaining appear only when the
 * total is known (from the parent snapshot for backups, from the snapshot for restores).
 */
public record StatusJson(
    String messageType,
    String action,
    String volume,
    double secondsElapsed,
    Long secondsRemaining,
    Double percentDone,
    long filesDone,
    long bytesDone,
    Long totalBytes) {

  public static StatusJson of(
      String action, String volume, long elapsedMillis, long files, long bytes, long totalBytes) {
    boolean known = totalBytes > 0;
    Double percent = known ? Math.min(1.0, bytes / (double) totalBytes) : null;
    Long remaining =
        known && bytes > 0 && bytes < totalBytes && elapsedMillis > 0
            ? (long) ((totalBytes - bytes) * (double) elapsedMillis / bytes / 1000)
            : null;
    return new StatusJson(
        "status",
        action,
        volume,
        elapsedMillis / 1000.0,
        remaining,
        percent,
        files,
        bytes,
        known ? totalBytes : null);
  }
}

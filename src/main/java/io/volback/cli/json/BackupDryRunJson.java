package io.volback.cli.json;

import io.volback.app.BackupDryRun;
import io.volback.backup.Changes;

/**
 * BackupDryRunJson is the `dry_run` line `backup --dry-run --json` prints per volume (or --path
 * directory): the parent compared with, the read path, the changes against the parent (left out
 * when they cannot be known; note says why) and the bytes a backup would read, or the error that
 * would stop this volume's backup.
 */
public record BackupDryRunJson(
    String messageType,
    boolean dryRun,
    String volume,
    String parent,
    String readPath,
    boolean changesKnown,
    Long filesNew,
    Long filesChanged,
    Long filesUnmodified,
    Long filesRemoved,
    Long dataToRead,
    String note,
    String error) {

  public static BackupDryRunJson of(BackupDryRun.Preview p) {
    Changes c = p.changes();
    boolean known = c != null;
    return new BackupDryRunJson(
        "dry_run",
        true,
        p.volume(),
        p.parent(),
        p.readPath(),
        known,
        known ? c.filesNew() : null,
        known ? c.filesChanged() : null,
        known ? c.filesUnmodified() : null,
        known ? c.filesRemoved() : null,
        known ? c.dataToRead() : null,
        p.note(),
        p.ok() ? null : p.failure().message());
  }

  /** One changed path, printed before the dry_run line with -v: restic's action and item. */
  public record ChangedPathJson(String messageType, String action, String item, String volume) {
    public static ChangedPathJson of(BackupDryRun.PathChange change, String volume) {
      return new ChangedPathJson("verbose_status", change.change(), change.path(), volume);
    }
  }
}

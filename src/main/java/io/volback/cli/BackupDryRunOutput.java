package io.volback.cli;

import io.volback.app.BackupDryRun;
import io.volback.backup.Changes;
import io.volback.cli.json.BackupDryRunJson;
import io.volback.entry.ByteNames;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;

/**
 * BackupDryRunOutput prints what backup --dry-run found: a block per volume (or directory), with
 * the changed paths under -v; under --json one "dry_run" record per volume, preceded with -v by a
 * "verbose_status" line per changed path (restic's names: action, item).
 */
final class BackupDryRunOutput {
  private BackupDryRunOutput() {}

  static void text(PrintWriter out, String kind, BackupDryRun.Preview p, boolean verbose) {
    out.printf(
        "%s %s: parent %s, read via %s%n",
        kind, p.volume(), p.parent() == null ? "none" : p.parent(), p.readPath());
    Changes c = p.changes();
    if (c == null) {
      out.printf("  %s%n", p.note());
      return;
    }
    out.printf(
        "  files: %d new (%s), %d changed (%s), %d unmodified, %d removed%n",
        c.filesNew(),
        Format.bytes(c.bytesNew()),
        c.filesChanged(),
        Format.bytes(c.bytesChanged()),
        c.filesUnmodified(),
        c.filesRemoved());
    out.printf("  would read %s%n", Format.bytes(c.dataToRead()));
    if (verbose) {
      for (BackupDryRun.PathChange change : p.paths()) {
        out.printf("  %s %s%n", change.change(), ByteNames.printable(change.path()));
      }
    }
  }

  static void json(Consumer<Object> line, BackupDryRun.Preview p, boolean verbose) {
    if (verbose) {
      for (BackupDryRun.PathChange change : p.paths()) {
        line.accept(BackupDryRunJson.ChangedPathJson.of(change, p.volume()));
      }
    }
    line.accept(BackupDryRunJson.of(p));
  }

  /** The exit code: as the backup would, 1 when every volume failed, 3 when some did. */
  static int exitCode(List<BackupDryRun.Preview> previews) {
    long failed = previews.stream().filter(p -> !p.ok()).count();
    if (failed == 0) {
      return ExitCode.OK;
    }
    return failed == previews.size() ? ExitCode.FAILED : ExitCode.PARTLY_FAILED;
  }
}

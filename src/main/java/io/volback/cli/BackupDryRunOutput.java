package io.volback.cli;

import io.volback.app.BackupDryRun;
import io.volback.backup.Changes;
import io.volback.entry.ByteNames;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("message_type", "verbose_status");
        status.put("action", change.change());
        status.put("item", change.path());
        status.put("volume", p.volume());
        line.accept(status);
      }
    }
    line.accept(record(p));
  }

  /** The dry_run record: the counts are null when the changes cannot be known (see note). */
  static Map<String, Object> record(BackupDryRun.Preview p) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("message_type", "dry_run");
    r.put("dry_run", true);
    r.put("volume", p.volume());
    r.put("parent", p.parent());
    r.put("read_path", p.readPath());
    Changes c = p.changes();
    r.put("changes_known", c != null);
    r.put("files_new", c == null ? null : c.filesNew());
    r.put("files_changed", c == null ? null : c.filesChanged());
    r.put("files_unmodified", c == null ? null : c.filesUnmodified());
    r.put("files_removed", c == null ? null : c.filesRemoved());
    r.put("data_to_read", c == null ? null : c.dataToRead());
    if (p.note() != null) {
      r.put("note", p.note());
    }
    if (!p.ok()) {
      r.put("error", p.failure().message());
    }
    return r;
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

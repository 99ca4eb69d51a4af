package io.volback.cli;

import io.volback.app.RestoreSnapshot;
import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * RestoreDryRunOutput prints what restore --dry-run found: the target, whether it would be created
 * and how, what would be restored, and whether the restore would be refused (a "dry_run" record
 * under --json).
 */
final class RestoreDryRunOutput {
  private RestoreDryRunOutput() {}

  static void text(PrintWriter out, RestoreSnapshot.DryRun p) {
    out.printf(
        "dry run: restore snapshot %s into volume %s on %s%n",
        p.snapshot().shortId(), p.volume(), p.host());
    out.printf(
        "  volume: %s, driver %s, options %s%n",
        p.create() ? "would be created" : "exists",
        p.driver(),
        p.driverOptions().isEmpty() ? "none" : options(p.driverOptions()));
    if (p.writePath() != null) {
      out.printf("  write path: %s%n", p.writePath());
    }
    out.printf(
        "  would restore %d %s, %s%n",
        p.files(), p.files() == 1 ? "file" : "files", Format.bytes(p.bytes()));
    out.println(
        p.refusal() == null
            ? "  the restore would go ahead; nothing was created or written"
            : "  the restore would be refused: " + p.refusal().getMessage());
  }

  private static String options(Map<String, String> options) {
    return options.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}

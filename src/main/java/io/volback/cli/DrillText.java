package io.volback.cli;

import io.volback.app.Redaction;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import java.io.PrintWriter;

/**
 * DrillText prints one drill as text: a line saying PASSED or FAILED with the snapshot, the target
 * host, RPO, RTO and what was verified, then what could not be compared, every mismatch listed
 * (exact paths), the probe, and the error. Secret-looking parts of the probe's command and output
 * are hidden.
 */
final class DrillText {
  private DrillText() {}

  static void print(PrintWriter out, StoredDrill stored) {
    DrillRecord d = stored.record();
    out.printf(
        "drill %s of volume %s: %s; snapshot %s restored on %s: RPO %s, RTO %s (restore %s);"
            + " %s, %s verified via %s%n",
        stored.id().shortHex(),
        d.volume(),
        d.passed() ? "PASSED" : "FAILED",
        shortId(d.snapshot()),
        d.targetHost(),
        seconds(d.rpoSeconds()),
        seconds(d.totalSeconds()),
        seconds(d.restoreSeconds()),
        Format.count(d.filesVerified(), "file", "files"),
        Format.bytes(d.bytesVerified()),
        d.readPath() == null ? "-" : d.readPath());
    if (!d.notCompared().isEmpty()) {
      out.println(
          "  not compared (the read-back path cannot carry them): "
              + String.join(", ", d.notCompared()));
    }
    for (DrillRecord.Mismatch m : d.mismatches()) {
      out.println("  mismatch: " + m.path() + ": " + m.problem());
    }
    if (d.mismatchCount() > d.mismatches().size()) {
      out.printf(
          "  ... and %d more mismatches (not listed)%n", d.mismatchCount() - d.mismatches().size());
    }
    if (d.probe() != null) {
      printProbe(out, d.probe());
    }
    if (d.error() != null) {
      out.println("  error: " + Redaction.text(d.error()));
    }
    if (d.scratchKept()) {
      out.println("  scratch volume " + d.scratchVolume() + " kept on " + d.targetHost());
    }
    out.flush();
  }

  private static void printProbe(PrintWriter out, DrillRecord.Probe p) {
    String result =
        p.timedOut()
            ? "timed out after " + seconds(p.seconds())
            : p.exitCode() == null
                ? "did not run"
                : "exit " + p.exitCode() + " in " + seconds(p.seconds());
    out.printf(
        "  probe %s `%s` on %s: %s%n", p.image(), Redaction.text(p.command()), p.mount(), result);
    if (!p.passed() && p.outputTail() != null && !p.outputTail().isBlank()) {
      out.println("  probe output (tail):");
      for (String line : Redaction.text(p.outputTail()).split("\n")) {
        out.println("    " + line);
      }
    }
  }

  /** A duration in seconds as the other commands print durations. */
  static String seconds(double s) {
    return Format.duration(Math.round(s * 1000));
  }

  static String shortId(String id) {
    return id == null ? "-" : id.substring(0, Math.min(8, id.length()));
  }
}

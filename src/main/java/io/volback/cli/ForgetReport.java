package io.volback.cli;

import io.volback.app.ForgetSnapshots;
import io.volback.maintenance.Retention;
import io.volback.maintenance.RetentionPolicy;
import io.volback.repo.snapshot.StoredSnapshot;
import java.io.PrintWriter;
import java.util.List;

/** ForgetReport prints forget's outcome as restic does: per group, the kept and the removed. */
final class ForgetReport {
  private final PrintWriter out;

  ForgetReport(PrintWriter out) {
    this.out = out;
  }

  void print(ForgetSnapshots.Result result, RetentionPolicy policy) {
    if (result.groups().isEmpty()) {
      printRemoved(result);
      return;
    }
    if (!policy.isEmpty()) {
      out.println("Applying policy: " + policy.describe());
    }
    for (ForgetSnapshots.Group g : result.groups()) {
      out.println("snapshots of " + g.key().describe() + ":");
      if (!g.keep().isEmpty()) {
        out.println(count("keep", g.keep().size()) + ":");
        Table kept = new Table("ID", "Time", "Hostname", "Volume", "Tags", "Reasons");
        for (Retention.Kept k : g.keep()) {
          List<String> reasons = k.reasons();
          kept.row(cells(k.snapshot(), reasons.get(0)));
          for (String more : reasons.subList(1, reasons.size())) {
            kept.row("", "", "", "", "", more);
          }
        }
        kept.print(out);
      }
      if (!g.remove().isEmpty()) {
        out.println(count(result.dryRun() ? "would remove" : "remove", g.remove().size()) + ":");
        Table removed = new Table("ID", "Time", "Hostname", "Volume", "Tags");
        for (StoredSnapshot s : g.remove()) {
          String[] c = cells(s, "");
          removed.row(c[0], c[1], c[2], c[3], c[4]);
        }
        removed.print(out);
      }
      out.println();
    }
    printRemoved(result);
  }

  private void printRemoved(ForgetSnapshots.Result result) {
    int n = result.removed().size();
    out.println(
        (result.dryRun() ? "would remove " : "removed ")
            + (n == 1 ? "1 snapshot" : n + " snapshots")
            + (result.dryRun() ? " (dry run)" : ""));
    out.flush();
  }

  private static String count(String verb, int n) {
    return verb + " " + n + (n == 1 ? " snapshot" : " snapshots");
  }

  private static String[] cells(StoredSnapshot s, String reason) {
    var snap = s.snapshot();
    return new String[] {
      s.id().shortHex(),
      Format.time(snap.time()),
      snap.hostname(),
      snap.source().name(),
      String.join(",", snap.tags()),
      reason
    };
  }
}

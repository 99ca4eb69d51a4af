package io.volback.cli;

import io.volback.app.UsageException;
import io.volback.cli.json.DrillJson;
import io.volback.repo.Repository;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * DrillsCommand lists the drill records the repository keeps (drills/), oldest first: they survive
 * the loss of whatever ran the drills. --json prints the records drill --json prints, as an array.
 */
@Command(
    name = "drills",
    description = "List the disaster-recovery drills recorded in the repository.")
final class DrillsCommand extends CommandBase {
  @Mixin NoDockerHostOption noDockerHost;

  @Option(
      names = "--volume",
      paramLabel = "VOLUME",
      description = "Only drills of this volume (repeatable).")
  List<String> volumes = List.of();

  @Option(
      names = "--last",
      paramLabel = "N",
      description = "Only the newest N drills of each volume (after --volume).")
  Integer last;

  @Override
  public Integer call() throws Exception {
    if (last != null && last < 1) {
      throw new UsageException("--last takes a number of drills, 1 or more, not " + last);
    }
    try (Repository repo = openRepository(Repository.Preload.NOTHING)) {
      List<StoredDrill> drills =
          repo.drills().stream()
              .filter(d -> volumes.isEmpty() || volumes.contains(d.record().volume()))
              .toList();
      if (last != null) {
        drills = newestOfEachVolume(drills, last);
      }
      if (json()) {
        printJson(drills.stream().map(DrillJson::of).toList());
        return ExitCode.OK;
      }
      Table table =
          new Table(
              "ID",
              "Time",
              "Volume",
              "Snapshot",
              "Target host",
              "Outcome",
              "RPO",
              "RTO",
              "Verified",
              "Probe");
      for (StoredDrill s : drills) {
        DrillRecord d = s.record();
        table.row(
            s.id().shortHex(),
            Format.time(d.time()),
            d.volume(),
            DrillText.shortId(d.snapshot()),
            d.targetHost(),
            d.passed() ? "passed" : "failed",
            DrillText.seconds(d.rpoSeconds()),
            DrillText.seconds(d.totalSeconds()),
            Format.count(d.filesVerified(), "file", "files")
                + ", "
                + Format.bytes(d.bytesVerified()),
            probe(d.probe()));
      }
      table.print(out());
      output().info(Format.count(drills.size(), "drill", "drills"));
      return ExitCode.OK;
    }
  }

  private static String probe(DrillRecord.Probe p) {
    if (p == null) {
      return "-";
    }
    return p.passed() ? "passed" : p.timedOut() ? "timed out" : "failed";
  }

  /** The newest n of each volume's drills, in the order of drills (oldest first). */
  static List<StoredDrill> newestOfEachVolume(List<StoredDrill> drills, int n) {
    Map<String, Integer> seen = new HashMap<>();
    List<StoredDrill> kept = new ArrayList<>();
    for (int i = drills.size() - 1; i >= 0; i--) {
      StoredDrill d = drills.get(i);
      if (seen.merge(d.record().volume(), 1, Integer::sum) <= n) {
        kept.add(d);
      }
    }
    Collections.reverse(kept);
    return kept;
  }
}

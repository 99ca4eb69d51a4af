package io.volback.cli;

import io.volback.app.UsageException;
import io.volback.cli.json.DrillJson;
import io.volback.repo.Repository;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import java.util.List;
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
      description = "Only the newest N drills (after --volume).")
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
      if (last != null && drills.size() > last) {
        drills = drills.subList(drills.size() - last, drills.size());
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
            DrillReport.shortId(d.snapshot()),
            d.targetHost(),
            d.passed() ? "passed" : "failed",
            DrillReport.seconds(d.rpoSeconds()),
            DrillReport.seconds(d.totalSeconds()),
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
}

package io.volback.cli;

import io.volback.app.CheckRepository;
import io.volback.cli.json.CheckFindingJson;
import io.volback.cli.json.CheckSummaryJson;
import io.volback.maintenance.CheckReport;
import io.volback.maintenance.CheckSummary;
import io.volback.maintenance.Finding;
import io.volback.maintenance.ReadDataSelection;
import io.volback.maintenance.Severity;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * CheckCommand checks the repository's structure and, on request, its data; it prints each finding
 * and a summary, and exits 1 when it found damage (orphaned packs alone are not damage).
 */
@Command(
    name = "check",
    description = {
      "Check the repository for damage: config, key files, index, pack headers, snapshots and"
          + " their trees; with --read-data also every blob's content.",
      "Exits 0 when no damage was found, 1 when some was."
    })
final class CheckCommand extends CommandBase {
  @Option(
      names = "--read-data",
      description = "Also read every pack and verify every blob (downloads the whole repository).")
  boolean readData;

  @Option(
      names = "--read-data-subset",
      paramLabel = "SUBSET",
      description =
          "Read and verify only some packs: N%% (a random share; the seed is reported) or n/m (the"
              + " n-th of m slices: 1/m to m/m together read every pack once).")
  String readDataSubset;

  @Option(
      names = "--read-data-seed",
      paramLabel = "SEED",
      description = "The seed of --read-data-subset N%%, to repeat an earlier run's sample.")
  Long seed;

  @Override
  public Integer call() throws Exception {
    ReadDataSelection selection = CheckRepository.readData(readData, readDataSubset, seed);
    CheckReport report;
    try (StepProgress progress = new StepProgress(output(), "check")) {
      report =
          new CheckRepository(progress).run(root.repositorySettings(), password(false), selection);
    }
    if (json()) {
      report.findings().forEach(f -> output().jsonLine(CheckFindingJson.of(f)));
      output().jsonLine(CheckSummaryJson.of(report.summary(), seed(selection)));
    } else {
      report.findings().stream()
          .filter(f -> f.severity() == Severity.ERROR || root.verbosity() >= 0)
          .forEach(this::print);
      printSummary(report.summary());
    }
    out().flush();
    return report.damaged() ? ExitCode.FAILED : ExitCode.OK;
  }

  private void print(Finding f) {
    out()
        .println(
            f.severity().name().toLowerCase(Locale.ROOT) + ": " + f.object() + ": " + f.message());
    if (!f.snapshots().isEmpty()) {
      out()
          .println(
              "  snapshots: "
                  + String.join(
                      ", ", f.snapshots().stream().map(id -> id.substring(0, 8)).toList()));
    }
    if (!f.paths().isEmpty()) {
      out()
          .println(
              "  files: "
                  + String.join(", ", f.paths())
                  + (f.pathsOmitted() > 0 ? " (and " + f.pathsOmitted() + " more)" : ""));
    }
  }

  private void printSummary(CheckSummary s) {
    if (root.verbosity() >= 0) {
      out()
          .println(
              "checked "
                  + s.keys()
                  + " key files, "
                  + s.indexObjects()
                  + " index objects, "
                  + s.packs()
                  + " packs ("
                  + s.orphanedPacks()
                  + " orphaned), "
                  + s.snapshots()
                  + " snapshots; read data: "
                  + s.readData()
                  + (s.readPacks() > 0
                      ? " (" + s.readPacks() + " packs, " + Format.bytes(s.readBytes()) + ")"
                      : ""));
    }
    if (s.errors() == 0) {
      if (root.verbosity() >= 0) {
        out().println("no errors were found");
      }
    } else {
      out().println(s.errors() + (s.errors() == 1 ? " error" : " errors") + " found");
    }
  }

  private static Long seed(ReadDataSelection selection) {
    return selection instanceof ReadDataSelection.Share share ? share.seed() : null;
  }
}

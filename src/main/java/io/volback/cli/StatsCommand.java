package io.volback.cli;

import io.volback.app.RepositoryStats;
import io.volback.app.UsageException;
import io.volback.cli.json.StatsJson;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.SnapshotList;
import io.volback.repo.snapshot.SnapshotSelector;
import io.volback.repo.snapshot.StoredSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** StatsCommand prints restic's restore-size or raw-data statistics of snapshots. */
@Command(name = "stats", description = "Show the size of snapshots and of the repository.")
final class StatsCommand extends CommandBase {
  @Mixin NoDockerHostOption noDockerHost;

  @Mixin SnapshotFilterOptions filters;

  @Parameters(
      arity = "0..*",
      paramLabel = "SNAPSHOT",
      description =
          "Snapshot ids, id prefixes or 'latest' (default: every snapshot the filters" + " match).")
  List<String> refs = new ArrayList<>();

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description =
          "restore-size (default: what a restore writes) or raw-data (the unique blobs"
              + " referenced, after dedup and compression).")
  String mode = "restore-size";

  @Override
  public Integer call() throws Exception {
    RepositoryStats.Mode chosen = mode(mode);
    try (Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      List<StoredSnapshot> snapshots = select(repo.snapshotList());
      RepositoryStats.Report r = new RepositoryStats(repo).run(snapshots, chosen);
      if (json()) {
        printJson(StatsJson.of(r));
        return ExitCode.OK;
      }
      out().println("Stats in " + chosen.label() + " mode:");
      out().println("     Snapshots processed:  " + r.snapshotsCount());
      if (chosen == RepositoryStats.Mode.RESTORE_SIZE) {
        out().println("        Total File Count:  " + r.fileCount());
        out().println("              Total Size:  " + Format.bytes(r.restoreSize()));
      } else {
        out().println("        Total Blob Count:  " + r.blobCount());
        out().println(" Total Uncompressed Size:  " + Format.bytes(r.uncompressedSize()));
        out().println("              Total Size:  " + Format.bytes(r.storedSize()));
        out().println("            Restore Size:  " + Format.bytes(r.restoreSize()));
        out().println("     Deduplication Ratio:  " + String.format("%.2fx", r.dedupRatio()));
        out().println("       Compression Ratio:  " + String.format("%.2fx", r.compressionRatio()));
        out()
            .println(
                "   Repository Pack Files:  "
                    + r.packCount()
                    + " ("
                    + Format.bytes(r.packSize())
                    + " stored)");
        if (r.missingBlobs() > 0) {
          err()
              .println(
                  "volback: warning: "
                      + r.missingBlobs()
                      + " referenced blobs are not in the index; run 'volback check'");
        }
      }
      out().flush();
      return ExitCode.OK;
    }
  }

  private List<StoredSnapshot> select(SnapshotList all) throws Exception {
    if (refs.isEmpty()) {
      return all.matching(filters.filter()).snapshots();
    }
    Map<String, StoredSnapshot> byId = new LinkedHashMap<>();
    for (String ref : refs) {
      StoredSnapshot s = SnapshotSelector.select(all, ref, filters.filter());
      byId.putIfAbsent(s.id().hex(), s);
    }
    return List.copyOf(byId.values());
  }

  private static RepositoryStats.Mode mode(String name) {
    for (RepositoryStats.Mode m : RepositoryStats.Mode.values()) {
      if (m.label().equals(name)) {
        return m;
      }
    }
    throw new UsageException("unknown --mode '" + name + "': use restore-size or raw-data");
  }
}

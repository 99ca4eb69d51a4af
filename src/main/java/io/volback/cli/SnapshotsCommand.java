package io.volback.cli;

import io.volback.app.SnapshotSummary;
import io.volback.app.UsageException;
import io.volback.cli.json.ErrorJson;
import io.volback.cli.json.SnapshotJson;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.LatestSnapshots;
import io.volback.repo.snapshot.SnapshotList;
import io.volback.repo.snapshot.StoredSnapshot;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * SnapshotsCommand lists the snapshots of the repository; damaged snapshot objects are named on
 * stderr and make it exit 3.
 */
@Command(name = "snapshots", description = "List snapshots.")
final class SnapshotsCommand extends CommandBase {
  @Mixin NoDockerHostOption noDockerHost;

  @Mixin SnapshotFilterOptions filters;

  @Option(
      names = "--latest",
      paramLabel = "N",
      description =
          "Only the N newest snapshots of each volume (per Docker host) or directory source.")
  Integer latest;

  @Override
  public Integer call() throws Exception {
    if (latest != null && latest < 1) {
      throw new UsageException("--latest must be at least 1, not " + latest);
    }
    try (Repository repo = openRepository(Repository.Preload.SNAPSHOTS)) {
      SnapshotList listing = repo.snapshotList().matching(filters.filter());
      for (SnapshotList.Damaged d : listing.damaged()) {
        if (json()) {
          output()
              .jsonError(
                  ErrorJson.warning("snapshots", null, "skipped damaged snapshot: " + d.problem()));
        } else {
          err().println("volback: warning: skipped damaged snapshot: " + d.problem());
        }
      }
      int exitCode = listing.damaged().isEmpty() ? ExitCode.OK : ExitCode.PARTLY_FAILED;
      List<StoredSnapshot> snapshots =
          latest == null
              ? listing.snapshots()
              : LatestSnapshots.newest(listing.snapshots(), latest);
      if (json()) {
        printJson(snapshots.stream().map(s -> SnapshotJson.of(SnapshotSummary.of(s))).toList());
        return exitCode;
      }
      Table table =
          new Table("ID", "Time", "Hostname", "Docker host", "Source", "Tags", "Files", "Size");
      for (StoredSnapshot s : snapshots) {
        var snap = s.snapshot();
        table.row(
            s.id().shortHex(),
            Format.time(snap.time()),
            snap.hostname(),
            snap.source().dockerHost() != null ? snap.source().dockerHost() : "-",
            snap.source().name(),
            String.join(",", snap.tags()),
            String.valueOf(snap.stats().files()),
            Format.bytes(snap.stats().bytes()));
      }
      table.print(out());
      output()
          .info(
              snapshots.size()
                  + (snapshots.size() == 1 ? " snapshot" : " snapshots")
                  + (listing.damaged().isEmpty()
                      ? ""
                      : ", " + listing.damaged().size() + " damaged"));
      return exitCode;
    }
  }
}

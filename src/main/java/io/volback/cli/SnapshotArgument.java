package io.volback.cli;

import io.volback.repo.Repository;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.repo.snapshot.SnapshotSelector;
import io.volback.repo.snapshot.StoredSnapshot;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * SnapshotArgument is the SNAPSHOT parameter with the snapshot filters, shared by the commands that
 * take one.
 */
final class SnapshotArgument {
  @Parameters(
      index = "0",
      paramLabel = "SNAPSHOT",
      description = "Snapshot id, id prefix or 'latest' (the newest the filters match).")
  String snapshot;

  @Mixin SnapshotFilterOptions filters;

  SnapshotFilter filter() {
    return filters.filter();
  }

  StoredSnapshot find(Repository repo) throws IOException {
    return SnapshotSelector.select(repo.snapshotList(), snapshot, filter());
  }
}

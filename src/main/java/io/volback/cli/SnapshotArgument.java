package io.volback.cli;

import io.volback.repo.Repository;
import io.volback.repo.snapshot.SnapshotSelector;
import io.volback.repo.snapshot.StoredSnapshot;
import java.io.IOException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * SnapshotArgument is the SNAPSHOT parameter with --volume, shared by the commands that take one.
 */
final class SnapshotArgument {
  @Parameters(
      index = "0",
      paramLabel = "SNAPSHOT",
      description = "Snapshot id, id prefix or 'latest'.")
  String snapshot;

  @Option(
      names = "--volume",
      paramLabel = "VOLUME",
      description = "Resolve 'latest' among this volume's snapshots.")
  String volume;

  StoredSnapshot find(Repository repo) throws IOException {
    return SnapshotSelector.select(repo.snapshotList(), snapshot, volume);
  }
}

package io.volback.cli;

import io.volback.repo.snapshot.SnapshotFilter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * SnapshotFilterOptions are restic's snapshot filters, on every command that selects snapshots;
 * each is repeatable and 'latest' honours them.
 */
final class SnapshotFilterOptions {
  @Option(
      names = "--hostname",
      paramLabel = "NAME",
      description = "Only snapshots made on this machine (repeatable).")
  List<String> hostnames = new ArrayList<>();

  @Option(
      names = "--tag",
      paramLabel = "TAG[,TAG...]",
      description = "Only snapshots with all these tags (repeatable: any of the lists).")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--volume",
      paramLabel = "VOLUME",
      description = "Only snapshots of this volume or --path source name (repeatable).")
  List<String> volumes = new ArrayList<>();

  @Option(
      names = "--docker-host",
      paramLabel = "HOST",
      description =
          "Only snapshots of volumes on this Docker host: its address as recorded or its engine ID"
              + " (repeatable).")
  List<String> dockerHosts = new ArrayList<>();

  SnapshotFilter filter() {
    return new SnapshotFilter(hostnames, tags, volumes, dockerHosts);
  }
}

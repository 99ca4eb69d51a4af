package io.volback.cli;

import io.volback.app.DiffSnapshots;
import io.volback.cli.json.DiffJson;
import io.volback.entry.EntryType;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.repo.snapshot.SnapshotList;
import io.volback.repo.snapshot.SnapshotSelector;
import io.volback.repo.snapshot.StoredSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** DiffCommand prints the changes between two snapshots as restic's diff does. */
@Command(
    name = "diff",
    description =
        "Show what changed between two snapshots: + added, - removed, M content modified,"
            + " T type changed, U metadata only (with --metadata).")
final class DiffCommand extends CommandBase {
  @Mixin NoDockerHostOption noDockerHost;

  @Mixin SnapshotFilterOptions filters;

  @Parameters(index = "0", paramLabel = "SNAPSHOT1", description = "The older snapshot.")
  String from;

  @Parameters(index = "1", paramLabel = "SNAPSHOT2", description = "The newer snapshot.")
  String to;

  @Option(
      names = "--metadata",
      description = "Also show entries whose metadata alone changed (mode, owner, times, ...).")
  boolean metadata;

  @Override
  public Integer call() throws Exception {
    try (Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      SnapshotList all = repo.snapshotList();
      SnapshotFilter filter = filters.filter();
      StoredSnapshot a = SnapshotSelector.select(all, from, filter);
      StoredSnapshot b = SnapshotSelector.select(all, to, filter);
      if (!json()) {
        out().println("comparing snapshot " + a.id().shortHex() + " to " + b.id().shortHex() + ":");
        out().println();
      }
      DiffSnapshots.Summary s;
      try {
        s = new DiffSnapshots(repo).run(a, b, this::print);
      } finally {
        out().flush();
      }
      if (json()) {
        output().jsonLine(DiffJson.Statistics.of(a.id().hex(), b.id().hex(), s));
      } else {
        out().println();
        out()
            .println(
                String.format(
                    "Files:  %5d new, %5d removed, %5d changed",
                    s.added().files(), s.removed().files(), s.changedFiles()));
        out()
            .println(
                String.format(
                    "Dirs:   %5d new, %5d removed", s.added().dirs(), s.removed().dirs()));
        out()
            .println(
                String.format(
                    "Others: %5d new, %5d removed", s.added().others(), s.removed().others()));
        out().println("  Added:   " + Format.bytes(s.added().bytes()));
        out().println("  Removed: " + Format.bytes(s.removed().bytes()));
      }
      out().flush();
      return ExitCode.OK;
    }
  }

  private void print(DiffSnapshots.Change c) {
    if (c.modifier() == DiffSnapshots.Modifier.METADATA && !metadata) {
      return;
    }
    if (json()) {
      output().jsonLine(DiffJson.Change.of(c));
      return;
    }
    String path =
        c.entry().type() == EntryType.DIRECTORY && !c.entry().isRoot() ? c.path() + "/" : c.path();
    out().println(c.modifier().symbol() + "    " + path);
  }
}

package io.volback.cli;

import io.volback.app.AccessPath;
import io.volback.app.BackupDirectory;
import io.volback.app.BackupVolumes;
import io.volback.app.SnapshotSummary;
import io.volback.app.UsageException;
import io.volback.docker.DockerHost;
import io.volback.entry.ByteNames;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.Snapshot;
import io.volback.wiring.DockerVolumeHost;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * BackupCommand snapshots volumes; exit code 3 when some volumes failed and others did not, or when
 * a snapshot is incomplete (entries skipped), as restic does.
 */
@Command(name = "backup", description = "Snapshot volumes into the repository.")
final class BackupCommand extends CommandBase {
  @Mixin DockerHostOption dockerHostOption;

  @Parameters(paramLabel = "VOLUME", arity = "0..*", description = "Volumes to back up.")
  List<String> volumes = List.of();

  @Option(names = "--all", description = "Back up every named volume of the host.")
  boolean all;

  @Option(names = "--include-anonymous", description = "With --all, anonymous volumes too.")
  boolean includeAnonymous;

  @Option(names = "--tag", paramLabel = "TAG", description = "Tag the snapshots (repeatable).")
  List<String> tags = List.of();

  @Option(
      names = "--hostname",
      paramLabel = "NAME",
      defaultValue = "${env:VOLBACK_HOSTNAME}",
      description =
          "The machine name the snapshots record (env VOLBACK_HOSTNAME; default: this machine's,"
              + " which in a container is the container's id).")
  String hostname;

  @Option(
      names = "--time",
      paramLabel = "TIME",
      converter = SnapshotTimeConverter.class,
      description =
          "The time the snapshots record instead of now, as restic's: '2026-01-02 15:04:05' in the"
              + " local time zone (TZ), or ISO-8601 with an offset (2026-01-02T15:04:05+01:00).")
  Instant time;

  @Option(
      names = "--read-path",
      paramLabel = "auto|api|mountpoint",
      defaultValue = "auto",
      converter = AccessPaths.ReadPathConverter.class,
      completionCandidates = AccessPaths.Candidates.class,
      description =
          "How to read volumes (${COMPLETION-CANDIDATES}): directly from the mountpoint when visible (auto), always through the Docker API (api), or only from the mountpoint (mountpoint).")
  AccessPath readPath;

  @Option(
      names = "--force",
      description =
          "Read every file, even those the last snapshot of "
              + "the volume shows unchanged (same size, mtime, ctime and inode).")
  boolean force;

  @Option(
      names = "--path",
      paramLabel = "DIR",
      description = "Back up a directory of this machine instead of volumes.")
  Path directory;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "With --path: the snapshot's source name (default: the absolute path).")
  String name;

  @Override
  public Integer call() throws Exception {
    if (directory != null) {
      return backupDirectory();
    }
    try (DockerConnection docker = connectDocker(dockerHostOption);
        Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      DockerHost host = docker.join();
      ConsoleProgress progress = progress("backup");
      List<BackupVolumes.VolumeResult> results =
          new BackupVolumes(
                  repo,
                  new DockerVolumeHost(host, DockerAccess.localMountpoint(System.getenv())),
                  progress)
              .run(
                  new BackupVolumes.Request(
                      volumes, all, includeAnonymous, tags, readPath, force, hostname(), time));
      long failed = results.stream().filter(r -> !r.ok()).count();
      if (json()) {
        printJson(
            Map.of(
                "host", host.address(), "results", results.stream().map(VolumeJson::of).toList()));
      } else {
        for (BackupVolumes.VolumeResult r : results) {
          if (r.ok()) {
            var s = r.snapshot();
            out()
                .printf(
                    "volume %s: snapshot %s, %d files, %s, %s new (%s stored) in %s via %s%n",
                    r.volume(),
                    s.shortId(),
                    s.stats().files(),
                    Format.bytes(s.stats().bytes()),
                    Format.bytes(s.stats().newRawBytes()),
                    Format.bytes(s.stats().storedBytes()),
                    Format.duration(s.stats().durationMillis()),
                    s.source().readPath());
            printSkipped(s);
          } else {
            err().println("volback: error: volume " + r.volume() + ": " + r.failure().message());
          }
        }
        if (results.isEmpty()) {
          out().println("no volumes to back up on " + host.address());
        }
      }
      boolean incomplete = results.stream().anyMatch(r -> r.ok() && r.snapshot().incomplete());
      if (failed == 0) {
        return incomplete ? ExitCode.PARTLY_FAILED : ExitCode.OK;
      }
      return failed == results.size() ? ExitCode.FAILED : ExitCode.PARTLY_FAILED;
    }
  }

  /** A volume's result as --json prints it: the failure as its message, under "error". */
  record VolumeJson(String volume, SnapshotSummary snapshot, String error) {
    static VolumeJson of(BackupVolumes.VolumeResult r) {
      return new VolumeJson(r.volume(), r.snapshot(), r.ok() ? null : r.failure().message());
    }
  }

  private int backupDirectory() throws Exception {
    if (all || !volumes.isEmpty()) {
      throw new UsageException("--path backs up a directory: name no volumes and no --all");
    }
    try (Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      ConsoleProgress progress = progress("backup");
      SnapshotSummary snap =
          SnapshotSummary.of(
              new BackupDirectory(repo, progress)
                  .run(directory, name, tags, force, hostname(), time));
      if (json()) {
        printJson(snap);
      } else {
        out()
            .printf(
                "%s: snapshot %s, %d files, %s, %s new (%s stored) in %s%n",
                snap.source().name(),
                snap.shortId(),
                snap.stats().files(),
                Format.bytes(snap.stats().bytes()),
                Format.bytes(snap.stats().newRawBytes()),
                Format.bytes(snap.stats().storedBytes()),
                Format.duration(snap.stats().durationMillis()));
        printSkipped(snap);
      }
      return snap.incomplete() ? ExitCode.PARTLY_FAILED : ExitCode.OK;
    }
  }

  private String hostname() {
    if (hostname != null && hostname.isBlank()) {
      throw new UsageException("--hostname (or VOLBACK_HOSTNAME) is empty; give a machine name");
    }
    return hostname;
  }

  /** Lists what the snapshot left out: it is incomplete, and the exit code says so. */
  private void printSkipped(SnapshotSummary snap) {
    Snapshot.Skipped skipped = snap.skipped();
    if (skipped.count() == 0) {
      return;
    }
    out()
        .printf(
            "  incomplete: %d %s skipped%n",
            skipped.count(), skipped.count() == 1 ? "entry" : "entries");
    for (Snapshot.SkippedEntry e : skipped.entries()) {
      out().printf("    %s: %s%n", ByteNames.printable(e.path()), e.reason());
    }
    if (skipped.count() > skipped.entries().size()) {
      out()
          .printf("    ... and %d more (not listed)%n", skipped.count() - skipped.entries().size());
    }
  }
}

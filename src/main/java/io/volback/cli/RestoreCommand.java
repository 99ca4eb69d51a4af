package io.volback.cli;

import io.volback.app.AccessPath;
import io.volback.app.RestoreSnapshot;
import io.volback.app.RestoreToDirectory;
import io.volback.app.RestoreVolumes;
import io.volback.app.UsageException;
import io.volback.cli.json.ErrorJson;
import io.volback.cli.json.RestoreDryRunJson;
import io.volback.cli.json.RestoreSummaryJson;
import io.volback.docker.DockerHost;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.SnapshotSelector;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** RestoreCommand restores a snapshot into a volume, on this or another Docker host. */
@Command(
    name = "restore",
    description =
        "Restore a snapshot into a volume (created when missing), or with --target into a directory.")
final class RestoreCommand extends CommandBase {
  @Mixin DockerHostOption dockerHostOption;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SNAPSHOT",
      description =
          "Snapshot id, id prefix or 'latest' (the newest the filters match); not with --all.")
  String snapshotRef;

  @Mixin SnapshotFilterOptions filters;

  @Option(
      names = "--all",
      description =
          "Restore the newest snapshot of every volume the filters select, each into the volume of"
              + " its own name (a whole host onto a new one; choose the old host with"
              + " --docker-host).")
  boolean all;

  @Option(
      names = "--to",
      paramLabel = "VOLUME",
      description = "Restore into this volume instead of the snapshot's own.")
  String to;

  @Option(
      names = "--target",
      paramLabel = "DIR",
      description =
          "Restore into the directory DIR of this machine instead of a volume (created when missing; no Docker host needed).")
  Path targetDir;

  @Option(
      names = "--overwrite",
      description = "Write into a volume (or --target directory) that is not empty or is in use.")
  boolean overwrite;

  @Option(
      names = "--delete",
      description =
          "With --overwrite: also remove what the volume (or --target directory) holds that the"
              + " snapshot does not, below the --include paths if given; needs the mountpoint"
              + " write path.")
  boolean delete;

  @Option(
      names = "--include",
      paramLabel = "PATH",
      description = "Restore only PATH and below (repeatable).")
  List<String> include = List.of();

  @Option(
      names = "--driver-opt",
      paramLabel = "KEY=VALUE",
      description =
          "Override a driver option of the volume restore creates, e.g. device=/new/path (repeatable).")
  Map<String, String> driverOptions = new LinkedHashMap<>();

  @Option(
      names = "--keep-partial",
      description =
          "Keep a volume this restore created when the restore fails (it is removed by default).")
  boolean keepPartial;

  @Option(
      names = "--write-path",
      paramLabel = "auto|api|mountpoint",
      defaultValue = "auto",
      converter = AccessPaths.WritePathConverter.class,
      completionCandidates = AccessPaths.Candidates.class,
      description =
          "How to write the volume (${COMPLETION-CANDIDATES}): auto, api (Docker API) or mountpoint (directly).")
  AccessPath writePath;

  @Option(
      names = "--dry-run",
      description =
          "Say what the restore would do (target volume, created or not, driver options, files)"
              + " and whether it would be refused, without creating or writing anything.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    if (delete && !overwrite) {
      throw new UsageException(
          "--delete removes what the target holds beyond the snapshot: it needs --overwrite");
    }
    checkSnapshotChoice();
    if (all) {
      return restoreAll();
    }
    if (targetDir != null) {
      return restoreToDirectory();
    }
    try (DockerConnection docker = connectDocker(dockerHostOption);
        Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      DockerHost host = docker.join();
      ConsoleProgress progress = progress("restore");
      RestoreSnapshot restore = new RestoreSnapshot(repo, DockerAccess.volumeHost(host), progress);
      RestoreSnapshot.Request request =
          new RestoreSnapshot.Request(
              snapshotRef,
              filters.filter(),
              to,
              overwrite,
              include,
              writePath,
              driverOptions,
              keepPartial,
              delete);
      if (dryRun) {
        return dryRun(restore.dryRun(request));
      }
      RestoreSnapshot.Result result;
      try (InterruptNotice notice = interruptNotice(progress)) {
        result = restore.run(request);
      }
      printRestored(result);
    }
    return ExitCode.OK;
  }

  private void printRestored(RestoreSnapshot.Result result) {
    if (json()) {
      output().jsonLine(RestoreSummaryJson.of(result));
    } else {
      output()
          .info(
              String.format(
                  "restored snapshot %s into volume %s on %s%s: %s, %s in %s via %s%s",
                  result.snapshot().shortId(),
                  result.volume(),
                  result.host(),
                  result.created() ? " (created)" : "",
                  Format.count(result.stats().files(), "file", "files"),
                  Format.bytes(result.stats().bytes()),
                  Format.duration(result.stats().durationMillis()),
                  result.writePath(),
                  removed(result.removedExtras())));
    }
  }

  /** SNAPSHOT or --all, not both, not neither; --all restores volumes by their own names. */
  private void checkSnapshotChoice() {
    if (all && snapshotRef != null) {
      throw new UsageException(
          "restore takes SNAPSHOT or --all, not both: --all restores the newest snapshot of every"
              + " volume the filters select");
    }
    if (!all && snapshotRef == null) {
      throw new UsageException(
          "which snapshot? Give SNAPSHOT (an id, id prefix or 'latest'), or --all for the newest of"
              + " every volume");
    }
    if (all
        && (to != null || targetDir != null || !include.isEmpty() || !driverOptions.isEmpty())) {
      throw new UsageException(
          "--all restores every volume into the volume of its own name: not with --to, --target,"
              + " --include or --driver-opt");
    }
    if (all && delete) {
      throw new UsageException("--delete restores one volume exactly: not with --all");
    }
  }

  /** restore --all: every volume's newest snapshot; exit 3 when some fail, 1 when all do. */
  private int restoreAll() throws Exception {
    try (DockerConnection docker = connectDocker(dockerHostOption);
        Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      DockerHost host = docker.join();
      ConsoleProgress progress = progress("restore");
      RestoreVolumes restore = new RestoreVolumes(repo, DockerAccess.volumeHost(host), progress);
      RestoreVolumes.Request request =
          new RestoreVolumes.Request(filters.filter(), overwrite, writePath);
      if (dryRun) {
        return dryRunAll(restore.dryRun(request));
      }
      List<RestoreVolumes.VolumeResult> results;
      try (InterruptNotice notice = interruptNotice(progress)) {
        results = restore.run(request);
      }
      for (RestoreVolumes.VolumeResult r : results) {
        if (r.ok()) {
          printRestored(r.result());
        } else if (json()) {
          output().jsonError(ErrorJson.error("restore", r.volume(), r.failure().message()));
        } else {
          err().println("volback: error: volume " + r.volume() + ": " + r.failure().message());
        }
      }
      long failed = results.stream().filter(r -> !r.ok()).count();
      if (failed == 0) {
        return ExitCode.OK;
      }
      return failed == results.size() ? ExitCode.FAILED : ExitCode.PARTLY_FAILED;
    }
  }

  private int dryRunAll(List<RestoreSnapshot.DryRun> plans) throws Exception {
    boolean refused = false;
    for (RestoreSnapshot.DryRun plan : plans) {
      if (json()) {
        output().jsonLine(RestoreDryRunJson.of(plan, false));
      } else {
        RestoreDryRunOutput.text(out(), plan);
      }
      refused |= plan.refusal() != null;
    }
    out().flush();
    return refused ? ExitCode.PARTLY_FAILED : ExitCode.OK;
  }

  private int restoreToDirectory() throws Exception {
    if (dryRun) {
      throw new UsageException("--dry-run previews restores into volumes; not with --target");
    }
    if (to != null || !driverOptions.isEmpty() || keepPartial || writePath != AccessPath.AUTO) {
      throw new UsageException(
          "--target restores into a directory: --to, --driver-opt, --keep-partial and --write-path"
              + " apply to volumes only");
    }
    try (Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      RestoreToDirectory.Result result =
          new RestoreToDirectory(repo, progress("restore"))
              .run(
                  SnapshotSelector.select(repo.snapshotList(), snapshotRef, filters.filter()),
                  targetDir,
                  overwrite,
                  include,
                  delete);
      if (json()) {
        output().jsonLine(RestoreSummaryJson.of(result));
      } else {
        out()
            .printf(
                "restored snapshot %s into directory %s: %d files, %s in %s%s%n",
                result.snapshot().shortId(),
                result.directory(),
                result.stats().files(),
                Format.bytes(result.stats().bytes()),
                Format.duration(result.stats().durationMillis()),
                removed(result.removedExtras()));
      }
    }
    return ExitCode.OK;
  }

  /** The text of what --delete removed, "" without --delete. */
  private static String removed(Long removedExtras) {
    return removedExtras == null
        ? ""
        : "; removed " + Format.count(removedExtras, "extra entry", "extra entries");
  }

  private InterruptNotice interruptNotice(ConsoleProgress progress) throws InterruptedIOException {
    return InterruptNotice.install(
        output(),
        "restore",
        () -> {
          String v = progress.currentVolume();
          if (v == null) {
            return null;
          }
          return "abandoning the restore into volume "
              + v
              + (keepPartial
                  ? " (kept as it is: --keep-partial)"
                  : " (removed if this restore created it)")
              + "; removing helper containers and the repository lock";
        });
  }

  /** Prints the plan; a refused one then fails as the restore would, with its error and code. */
  private int dryRun(RestoreSnapshot.DryRun plan) throws Exception {
    if (json()) {
      output().jsonLine(RestoreDryRunJson.of(plan, delete));
    } else {
      RestoreDryRunOutput.text(out(), plan);
      if (delete) {
        out()
            .println(
                "  --delete: what the volume holds beyond the snapshot would be removed;"
                    + " how much cannot be told without listing the volume");
      }
    }
    out().flush();
    if (plan.refusal() != null) {
      throw plan.refusal();
    }
    return ExitCode.OK;
  }
}

package io.volback.cli;

import io.volback.app.AccessPath;
import io.volback.app.BackupDirectory;
import io.volback.app.BackupDryRun;
import io.volback.app.BackupVolumes;
import io.volback.app.HookOptions;
import io.volback.app.ProgressListener;
import io.volback.app.SnapshotSummary;
import io.volback.app.UsageException;
import io.volback.app.VolumeSelection;
import io.volback.cli.json.BackupSummaryJson;
import io.volback.cli.json.BackupSummaryJson.FileChanges;
import io.volback.cli.json.ErrorJson;
import io.volback.config.OnError;
import io.volback.docker.DockerHost;
import io.volback.entry.ByteNames;
import io.volback.hooks.DockerContainerOps;
import io.volback.hooks.HookListener;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.Snapshot;
import io.volback.repo.snapshot.SnapshotStats;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

  @Option(
      names = "--label",
      paramLabel = "KEY[=VALUE]",
      description =
          "With --all, only volumes with this label, or with this label set to VALUE (repeatable; all must match).")
  List<String> labels = List.of();

  @Option(
      names = "--exclude-volume",
      paramLabel = "GLOB",
      description =
          "With --all, leave out volumes whose name matches GLOB (a shell glob: * ? [abc]; repeatable).")
  List<String> excludeVolumes = List.of();

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

  @Option(
      names = {"-n", "--dry-run"},
      description =
          "Say what would be backed up (volumes; new, changed, removed files from the last"
              + " snapshot's metadata) without reading file contents or writing to the repository.")
  boolean dryRun;

  @Option(
      names = "--no-hooks",
      description =
          "Ignore the volback.stop and volback.exec.* labels of the containers that mount the volumes.")
  boolean noHooks;

  @Option(
      names = "--stop",
      description =
          "Stop every running container that mounts a volume while it is backed up, and start it"
              + " again afterwards (always, also when the backup fails).")
  boolean stop;

  @Option(
      names = "--exec-pre",
      paramLabel = "CONTAINER=CMD",
      description =
          "Run CMD (sh -c) inside the running CONTAINER before its volumes are backed up (repeatable;"
              + " replaces its volback.exec.pre label).")
  List<String> execPre = List.of();

  @Option(
      names = "--exec-post",
      paramLabel = "CONTAINER=CMD",
      description =
          "Run CMD (sh -c) inside CONTAINER after its volumes are backed up, also when the backup"
              + " failed (repeatable; replaces its volback.exec.post label).")
  List<String> execPost = List.of();

  @Option(
      names = "--exec-timeout",
      paramLabel = "DURATION",
      converter = HookOutput.TimeoutConverter.class,
      description =
          "How long each command may run (30s, 5m, 1h30m; default: the container's"
              + " volback.exec.timeout label, or 5m).")
  Duration execTimeout;

  @Option(
      names = "--exec-on-error",
      paramLabel = "fail|continue",
      converter = HookOutput.OnErrorConverter.class,
      description =
          "A command that fails or times out fails the volume's backup (fail), or is a warning"
              + " (continue); default: the container's volback.exec.on-error label, or fail.")
  OnError execOnError;

  @Override
  public Integer call() throws Exception {
    if (directory != null) {
      if (noHooks || stop || !execPre.isEmpty() || !execPost.isEmpty()) {
        throw new UsageException(
            "--path backs up a directory: no --stop, --exec-pre, --exec-post or --no-hooks");
      }
      return dryRun ? dryRunDirectory() : backupDirectory();
    }
    BackupVolumes.Request request =
        new BackupVolumes.Request(
            volumes,
            all,
            includeAnonymous,
            tags,
            readPath,
            force,
            new VolumeSelection(labels, excludeVolumes),
            hostname(),
            time);
    if (dryRun) {
      return dryRunVolumes(request);
    }
    try (DockerConnection docker = connectDocker(dockerHostOption);
        Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      DockerHost host = docker.join();
      ConsoleProgress progress = progress("backup");
      List<BackupVolumes.VolumeResult> results;
      try (InterruptNotice notice = interruptNotice(progress)) {
        results =
            new BackupVolumes(repo, DockerAccess.volumeHost(host), progress)
                .withHooks(new DockerContainerOps(host), hookOptions(), new HookOutput(output()))
                .run(request);
      }
      for (BackupVolumes.VolumeResult r : results) {
        if (r.snapshot() != null) {
          printSnapshot(r.snapshot(), progress);
        }
        if (r.ok()) {
          continue;
        } else if (json()) {
          output().jsonError(ErrorJson.error("backup", r.volume(), r.failure().message()));
        } else {
          err().println("volback: error: volume " + r.volume() + ": " + r.failure().message());
        }
      }
      if (results.isEmpty()) {
        output().info("no volumes to back up on " + host.address());
      }
      long failed = results.stream().filter(r -> !r.ok()).count();
      boolean incomplete = results.stream().anyMatch(r -> r.ok() && r.snapshot().incomplete());
      if (failed == 0) {
        return incomplete ? ExitCode.PARTLY_FAILED : ExitCode.OK;
      }
      return failed == results.size() ? ExitCode.FAILED : ExitCode.PARTLY_FAILED;
    }
  }

  private int dryRunVolumes(BackupVolumes.Request request) throws Exception {
    try (DockerConnection docker = connectDocker(dockerHostOption);
        Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      DockerHost host = docker.join();
      List<BackupDryRun.Preview> previews =
          new BackupDryRun(repo, warnings())
              .volumes(DockerAccess.volumeHost(host), request, verbose());
      for (BackupDryRun.Preview p : previews) {
        printPreview("volume", p);
      }
      HookOutput.plan(
          output(),
          new BackupVolumes(repo, DockerAccess.volumeHost(host), warnings())
              .withHooks(new DockerContainerOps(host), hookOptions(), HookListener.NONE)
              .hookPlan(request));
      if (!json()) {
        out()
            .println(
                previews.isEmpty()
                    ? "no volumes to back up on " + host.address()
                    : "dry run: no file content was read, nothing was stored");
      }
      return BackupDryRunOutput.exitCode(previews);
    }
  }

  private int dryRunDirectory() throws Exception {
    if (all || !volumes.isEmpty() || !labels.isEmpty() || !excludeVolumes.isEmpty()) {
      throw new UsageException(
          "--path backs up a directory: name no volumes, and no --all, --label or --exclude-volume");
    }
    try (Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      printPreview(
          "directory",
          new BackupDryRun(repo, warnings())
              .directory(directory, name, force, hostname(), verbose()));
      if (!json()) {
        out().println("dry run: no file content was read, nothing was stored");
      }
      return ExitCode.OK;
    }
  }

  private void printPreview(String kind, BackupDryRun.Preview p) {
    if (json()) {
      BackupDryRunOutput.json(output()::jsonLine, p, verbose());
    } else if (p.ok()) {
      BackupDryRunOutput.text(out(), kind, p, verbose());
    } else {
      err().println("volback: error: volume " + p.volume() + ": " + p.failure().message());
    }
  }

  private HookOptions hookOptions() {
    return HookOutput.options(noHooks, stop, execPre, execPost, execTimeout, execOnError);
  }

  private boolean verbose() {
    return root.verbosity() > 0;
  }

  /** Warnings of a dry run (an unreadable parent tree, a vanished file), as a backup's. */
  private ProgressListener warnings() {
    return progress("backup");
  }

  private int backupDirectory() throws Exception {
    if (all || !volumes.isEmpty() || !labels.isEmpty() || !excludeVolumes.isEmpty()) {
      throw new UsageException(
          "--path backs up a directory: name no volumes, and no --all, --label or --exclude-volume");
    }
    try (Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      ConsoleProgress progress = progress("backup");
      SnapshotSummary snap;
      try (InterruptNotice notice = interruptNotice(progress)) {
        snap =
            SnapshotSummary.of(
                new BackupDirectory(repo, progress)
                    .run(directory, name, tags, force, hostname(), time));
      }
      printSnapshot(snap, progress);
      return snap.incomplete() ? ExitCode.PARTLY_FAILED : ExitCode.OK;
    }
  }

  private String hostname() {
    if (hostname != null && hostname.isBlank()) {
      throw new UsageException("--hostname (or VOLBACK_HOSTNAME) is empty; give a machine name");
    }
    return hostname;
  }

  private InterruptNotice interruptNotice(ConsoleProgress progress) throws InterruptedIOException {
    return InterruptNotice.install(
        output(),
        "backup",
        () -> {
          String v = progress.currentVolume();
          return v == null
              ? null
              : "abandoning the backup of "
                  + v
                  + " (no snapshot is written); removing helper containers and the repository lock";
        });
  }

  /**
   * One snapshot taken: the summary line under --json; otherwise one line (unless -q), the parent
   * with -v, and what was skipped. "added" is the uncompressed size of the blobs the repository did
   * not hold yet, file data and the snapshot's tree (its metadata) alike, so a first backup adds a
   * little more than the files' size.
   */
  private void printSnapshot(SnapshotSummary s, ConsoleProgress progress) {
    if (json()) {
      output().jsonLine(BackupSummaryJson.of(s, progress.changes(s.source().name())));
      return;
    }
    SnapshotStats st = s.stats();
    FileChanges changes = progress.changes(s.source().name());
    output()
        .verbose(
            1,
            s.source().name()
                + ": "
                + (s.parent() == null
                    ? "no parent snapshot, every file read"
                    : "parent snapshot " + s.parent().substring(0, 8))
                + "; "
                + Format.count(changes.added(), "file", "files")
                + " new, "
                + changes.changed()
                + " modified, "
                + changes.unchanged()
                + " unchanged");
    String via = "volume".equals(s.source().kind()) ? " via " + s.source().readPath() : "";
    output()
        .info(
            String.format(
                "%s %s: snapshot %s, %s, %s; %s added (new data and tree), %s stored, in %s%s",
                "volume".equals(s.source().kind()) ? "volume" : "directory",
                s.source().name(),
                s.shortId(),
                Format.count(st.files(), "file", "files"),
                Format.bytes(st.bytes()),
                Format.bytes(st.newRawBytes()),
                Format.bytes(st.storedBytes()),
                Format.duration(st.durationMillis()),
                via));
    printSkipped(s);
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

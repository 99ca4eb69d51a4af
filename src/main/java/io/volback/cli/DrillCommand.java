package io.volback.cli;

import io.volback.app.DrillVolume;
import io.volback.app.ProbeSpec;
import io.volback.app.ProbeSpecValidation;
import io.volback.app.Redaction;
import io.volback.app.ScratchVolumes;
import io.volback.app.UsageException;
import io.volback.app.VolumeHost;
import io.volback.cli.json.DrillJson;
import io.volback.cli.json.ErrorJson;
import io.volback.repo.Repository;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.repo.snapshot.StoredSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * DrillCommand runs disaster-recovery drills: per volume, its newest snapshot (or the one given)
 * restored into a scratch volume on the target host, read back and verified, probed when asked, and
 * the scratch volume removed; each drill's record is stored in the repository. Exit code 1 when
 * every drill failed, 3 when some did, as backup.
 */
@Command(
    name = "drill",
    description =
        "Restore snapshots into scratch volumes, verify every file, optionally probe the"
            + " application, and record RPO and RTO (disaster-recovery drill).")
final class DrillCommand extends CommandBase {
  @Mixin DockerHostOption dockerHostOption;

  @Mixin SnapshotFilterOptions filters;

  @Option(
      names = "--all",
      description = "Drill every volume the repository has snapshots of, each on its newest.")
  boolean all;

  @Option(
      names = "--on",
      paramLabel = "DOCKER_HOST",
      description =
          "Docker host to restore onto: unix:///path or tcp://host:port (default: -H, DOCKER_HOST).")
  String on;

  @Option(
      names = "--snapshot",
      paramLabel = "SNAPSHOT",
      description = "Drill this snapshot (an id, a unique prefix or 'latest') of the one --volume.")
  String snapshot;

  @Option(names = "--keep", description = "Keep the scratch volume afterwards (to look into it).")
  boolean keep;

  @Option(
      names = "--probe-image",
      paramLabel = "IMAGE",
      description =
          "Probe: run a container of IMAGE (present on the target host); needs --probe-command.")
  String probeImage;

  @Option(
      names = "--probe-command",
      paramLabel = "CMD",
      description = "Probe: run CMD with sh -c; exit code 0 passes the drill.")
  String probeCommand;

  @Option(
      names = "--probe-mount",
      paramLabel = "PATH",
      description = "Probe: mount the scratch volume at PATH in the container (default: /data).")
  String probeMount;

  @Option(
      names = "--probe-timeout",
      paramLabel = "DURATION",
      converter = HookOutput.TimeoutConverter.class,
      description = "Probe: stop it and fail the drill after DURATION (30s, 5m, 1h; default: 5m).")
  Duration probeTimeout;

  @Override
  public Integer call() throws Exception {
    ProbeSpec probe = probe();
    checkSelection();
    String target = on != null ? on : dockerHost(dockerHostOption);
    try (DockerConnection docker =
            DockerConnection.start(DockerAccess.endpoint(target, root.dockerContext));
        Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      List<String> volumes = volumes(repo);
      VolumeHost host = DockerAccess.volumeHost(docker.join());
      removeLeftovers(host);
      DrillProgress progress = new DrillProgress(output());
      DrillVolume drills = new DrillVolume(repo, host, progress);
      int failed = 0;
      for (String volume : volumes) {
        StoredDrill drill;
        try {
          drill = drills.run(new DrillVolume.Request(volume, snapshot, filter(), keep, probe));
        } catch (IOException | RuntimeException e) {
          if (volumes.size() == 1 || e instanceof UsageException) {
            throw e;
          }
          failed++;
          error(volume, ErrorReporter.message(e));
          continue;
        }
        print(drill);
        failed += drill.record().passed() ? 0 : 1;
      }
      if (failed == 0) {
        return ExitCode.OK;
      }
      return failed == volumes.size() ? ExitCode.FAILED : ExitCode.PARTLY_FAILED;
    }
  }

  private void checkSelection() {
    if (all == !filters.volumes.isEmpty()) {
      throw new UsageException(
          all
              ? "--all drills every volume: name no --volume"
              : "name the volumes to drill with --volume, or use --all");
    }
    if (snapshot != null && (all || filters.volumes.size() > 1)) {
      throw new UsageException("--snapshot names one snapshot: give it with one --volume");
    }
  }

  /** The probe of the options, null without one; image and command go together. */
  private ProbeSpec probe() {
    if (probeImage == null && probeCommand == null) {
      if (probeMount != null || probeTimeout != null) {
        throw new UsageException(
            "--probe-mount and --probe-timeout describe a probe: give --probe-image and"
                + " --probe-command too");
      }
      return null;
    }
    if (probeImage == null || probeCommand == null) {
      throw new UsageException(
          probeImage == null
              ? "--probe-command needs --probe-image (the image to run it in)"
              : "--probe-image needs --probe-command (what to run in it)");
    }
    if (probeImage.isBlank() || probeCommand.isBlank()) {
      throw new UsageException("--probe-image and --probe-command must not be empty");
    }
    ProbeSpec probe =
        new ProbeSpec(
            probeImage, probeCommand, probeMount == null ? "/data" : probeMount, probeTimeout);
    ProbeSpecValidation.validate(probe, ProbeSpecValidation.OPTIONS);
    return probe;
  }

  /** The filters other than --volume: the volume is each drill's own. */
  private SnapshotFilter filter() {
    SnapshotFilter f = filters.filter();
    return new SnapshotFilter(f.hostnames(), f.tags(), List.of(), f.dockerHosts());
  }

  /**
   * The volumes to drill: those named, each of which must have a snapshot matching the filters, or
   * with --all every volume that has one.
   */
  private List<String> volumes(Repository repo) throws Exception {
    List<StoredSnapshot> matching = repo.snapshotList().matching(filter()).snapshots();
    LinkedHashSet<String> withSnapshots = new LinkedHashSet<>();
    for (StoredSnapshot s : matching) {
      if (!s.snapshot().source().isDirectory()) {
        withSnapshots.add(s.snapshot().source().name());
      }
    }
    if (all) {
      if (withSnapshots.isEmpty()) {
        throw new UsageException("the repository has no snapshots of volumes to drill");
      }
      return new ArrayList<>(withSnapshots);
    }
    for (String v : filters.volumes) {
      if (!withSnapshots.contains(v) && snapshot == null) {
        throw new UsageException(
            "no snapshot of volume "
                + v
                + " in the repository"
                + (filtered() ? " matching the filters" : "")
                + "; see `volback snapshots`");
      }
    }
    return new ArrayList<>(new LinkedHashSet<>(filters.volumes));
  }

  private boolean filtered() {
    return !filters.hostnames.isEmpty()
        || !filters.tags.isEmpty()
        || !filters.dockerHosts.isEmpty();
  }

  /** Removes scratch volumes killed drills left on the target host, and says so. */
  private void removeLeftovers(VolumeHost host) throws Exception {
    ScratchVolumes.Cleanup cleanup = ScratchVolumes.removeLeftovers(host);
    for (String v : cleanup.removed()) {
      warn(
          v,
          "removed scratch volume "
              + v
              + " on "
              + host.address()
              + " left by an interrupted drill");
    }
    for (String problem : cleanup.problems()) {
      warn(null, "could not remove a left-over " + problem);
    }
  }

  private void warn(String item, String message) {
    if (json()) {
      output().jsonError(ErrorJson.warning("drill", item, message));
    } else {
      err().println("volback: warning: " + message);
      err().flush();
    }
  }

  private void error(String volume, String message) {
    if (json()) {
      output().jsonError(ErrorJson.error("drill", volume, message));
    } else {
      err().println("volback: error: drill of volume " + volume + " failed: " + message);
      err().flush();
    }
  }

  /** Why a drill failed, in one line: the files that differ (the first few) and the error. */
  static String failure(DrillRecord d) {
    List<String> parts = new ArrayList<>();
    if (d.mismatchCount() > 0) {
      List<String> paths =
          d.mismatches().stream().map(DrillRecord.Mismatch::path).distinct().limit(5).toList();
      parts.add(
          Format.count(d.mismatchCount(), "mismatch", "mismatches")
              + " ("
              + String.join(", ", paths)
              + (d.mismatchCount() > paths.size() ? ", ..." : "")
              + ")");
    }
    if (d.probe() != null && !d.probe().passed()) {
      parts.add(
          d.probe().timedOut()
              ? "the probe timed out"
              : "the probe exited "
                  + (d.probe().exitCode() == null ? "without a code" : d.probe().exitCode()));
    }
    if (d.error() != null) {
      parts.add(Redaction.text(d.error()));
    }
    return parts.isEmpty() ? "see the report" : String.join("; ", parts);
  }

  private void print(StoredDrill drill) {
    if (!drill.record().passed()) {
      error(drill.record().volume(), failure(drill.record()));
    }
    if (json()) {
      output().jsonLine(DrillJson.of(drill).inStream());
      return;
    }
    if (!root.quiet || !drill.record().passed()) {
      DrillText.print(out(), drill);
    }
  }
}

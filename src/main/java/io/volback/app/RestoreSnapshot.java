package io.volback.app;

import io.volback.docker.DockerHost;
import io.volback.docker.HelperContainer;
import io.volback.docker.LocalMountpoint;
import io.volback.docker.VolumeArchive;
import io.volback.docker.VolumeConsumer;
import io.volback.docker.VolumeDiscovery;
import io.volback.docker.VolumeInfo;
import io.volback.docker.VolumeSpec;
import io.volback.docker.Volumes;
import io.volback.entry.DirectorySink;
import io.volback.entry.TarEntrySink;
import io.volback.repo.PathFilter;
import io.volback.repo.Repository;
import io.volback.repo.RestoreStats;
import io.volback.repo.SnapshotRestorer;
import io.volback.repo.SourceInfo;
import io.volback.repo.StoredSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * RestoreSnapshot writes a snapshot into a volume on a Docker host: the snapshot's own volume name
 * or another one. A missing volume is created with the snapshot's driver, driver options and labels.
 * An existing volume is only written into with overwrite when it is not empty or a container uses it.
 */
public final class RestoreSnapshot {
  private final Repository repo;
  private final DockerHost host;
  private final LocalMountpoint local;
  private final ProgressListener listener;

  public RestoreSnapshot(Repository repo, DockerHost host, LocalMountpoint local,
      ProgressListener listener) {
    this.repo = repo;
    this.host = host;
    this.local = local;
    this.listener = listener;
  }

  /** Request: which snapshot, into which volume, and how. */
  public record Request(String snapshot, String volume, String targetVolume, boolean overwrite,
      List<String> include, ReadPath writePath, Map<String, String> driverOptions) {}

  /** Result: what was restored where. */
  public record Result(SnapshotSummary snapshot, String volume, String host, boolean created,
      String writePath, RestoreStats stats) {}

  public Result run(Request request) throws IOException {
    StoredSnapshot snap = SnapshotFinder.find(repo, request.snapshot(), request.volume());
    HelperContainer.removeLeftoverHelpers(host);
    SourceInfo source = snap.snapshot().source();
    String target = request.targetVolume() != null ? request.targetVolume() : source.name();
    if (request.targetVolume() == null && !"volume".equals(source.kind())) {
      throw new UsageException("snapshot " + snap.id().shortHex() + " is of a " + source.kind()
          + ", not a volume: name the volume to restore into with --to");
    }
    boolean created = prepareTarget(target, source, request.overwrite(), request.driverOptions());
    VolumeInfo volume = VolumeDiscovery.get(host, target);
    PathFilter filter = request.include() == null || request.include().isEmpty()
        ? PathFilter.ALL : PathFilter.including(request.include());
    listener.volumeStarted(target, snap.snapshot().stats().bytes());
    SnapshotRestorer restorer = new SnapshotRestorer(repo, listener);
    Optional<Path> mountpoint = request.writePath() == ReadPath.API
        ? Optional.empty() : local.find(host, volume);
    if (request.writePath() == ReadPath.MOUNTPOINT && mountpoint.isEmpty()) {
      throw new UsageException("the mountpoint of volume " + target + " on " + host.address()
          + " is not writable here; drop --write-path mountpoint to restore through the Docker API");
    }
    RestoreStats stats;
    if (mountpoint.isPresent()) {
      try (DirectorySink sink = new DirectorySink(mountpoint.get(), listener::warning)) {
        stats = restorer.restore(snap, sink, filter);
      }
    } else {
      RestoreStats[] holder = new RestoreStats[1];
      VolumeArchive.write(host, target, out -> {
        try (TarEntrySink sink = new TarEntrySink(out, "data")) {
          holder[0] = restorer.restore(snap, sink, filter);
        }
      });
      stats = holder[0];
    }
    listener.volumeFinished(target);
    return new Result(SnapshotSummary.of(snap), target, host.address(), created,
        (mountpoint.isPresent() ? ReadPath.MOUNTPOINT : ReadPath.API).label(), stats);
  }

  /** Creates the target volume, or checks that writing into the existing one is allowed. */
  private boolean prepareTarget(String target, SourceInfo source, boolean overwrite,
      Map<String, String> optionOverrides) throws IOException {
    if (!Volumes.exists(host, target)) {
      Map<String, String> options = new TreeMap<>(source.driverOptions());
      options.putAll(optionOverrides);
      Volumes.create(host, new VolumeSpec(target, source.driver(), options, source.labels()));
      return true;
    }
    if (!optionOverrides.isEmpty()) {
      throw new UsageException("volume " + target + " exists on " + host.address()
          + ": --driver-opt only applies to a volume that restore creates");
    }
    List<VolumeConsumer> users = Volumes.consumers(host, target);
    if (!users.isEmpty() && !overwrite) {
      throw new OperationRefusedException("volume " + target + " on " + host.address()
          + " is used by " + names(users) + "; stop them, or restore with --overwrite");
    }
    if (!overwrite && !Volumes.isEmpty(host, target, local)) {
      throw new OperationRefusedException("volume " + target + " on " + host.address()
          + " is not empty; restore with --overwrite to write into it, or choose another --to");
    }
    return false;
  }

  private static String names(List<VolumeConsumer> users) {
    return users.stream().map(c -> c.name() + (c.running() ? " (running)" : " (stopped)"))
        .reduce((a, b) -> a + ", " + b).orElse("");
  }
}

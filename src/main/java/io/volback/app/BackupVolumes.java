package io.volback.app;

import io.volback.backup.SnapshotCreator;
import io.volback.concurrent.LocalHost;
import io.volback.docker.VolumeInfo;
import io.volback.entry.DirectorySource;
import io.volback.entry.EntrySource;
import io.volback.entry.SkipLog;
import io.volback.entry.TarEntrySource;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.StoredSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BackupVolumes snapshots volumes of one Docker host, one after the other. A volume that fails does
 * not stop the others; each gets its own result. The mountpoint is read directly when volback can
 * see it (and unchanged files are then skipped against the volume's previous snapshot), otherwise
 * the volume is streamed through the Docker API from a never-started helper container.
 */
public final class BackupVolumes {
  private final Repository repo;
  private final VolumeHost host;
  private final ProgressListener listener;

  public BackupVolumes(Repository repo, VolumeHost host, ProgressListener listener) {
    this.repo = repo;
    this.host = host;
    this.listener = listener;
  }

  /**
   * Request: the volumes by name, or all named ones (and anonymous ones when asked) that the
   * selection keeps; force reads every file even when the last snapshot says it is unchanged;
   * hostname is the machine name the snapshots record (null: this machine's); time is the time they
   * record (null: when each starts).
   */
  public record Request(
      List<String> volumes,
      boolean all,
      boolean includeAnonymous,
      List<String> tags,
      AccessPath readPath,
      boolean force,
      VolumeSelection selection,
      String hostname,
      Instant time) {
    public Request {
      selection = selection == null ? VolumeSelection.NONE : selection;
      if (!all && !selection.isEmpty()) {
        throw new UsageException(
            "--label and --exclude-volume narrow --all; with named volumes, name only those wanted");
      }
      hostname = hostname == null ? LocalHost.name() : hostname;
    }
  }

  /** VolumeResult: a snapshot, or the failure that stopped this volume's backup. */
  public record VolumeResult(String volume, SnapshotSummary snapshot, Failure failure) {
    public boolean ok() {
      return failure == null;
    }
  }

  public List<VolumeResult> run(Request request) throws IOException {
    List<VolumeResult> results = new ArrayList<>();
    host.removeLeftoverHelpers();
    // Listed once: this run only adds snapshots of other volumes than the one it looks up.
    List<StoredSnapshot> existing = repo.snapshots();
    for (String name : selectVolumes(request)) {
      try {
        Optional<StoredSnapshot> parent =
            ParentSnapshot.ofVolume(existing, name, host.address(), host.engineId());
        StoredSnapshot snap = backup(name, request, parent);
        results.add(new VolumeResult(name, SnapshotSummary.of(snap), null));
      } catch (IOException | RuntimeException e) {
        if (e instanceof UsageException u) {
          throw u;
        }
        results.add(new VolumeResult(name, null, Failure.of(e)));
      } finally {
        listener.volumeFinished(name);
      }
    }
    return results;
  }

  /** The volumes request names, or that --all takes: the one selection backups and dry runs use. */
  List<String> selectVolumes(Request request) throws IOException {
    if (request.all() == !request.volumes().isEmpty()) {
      throw new UsageException("name the volumes to back up, or use --all (not both)");
    }
    if (!request.all()) {
      return request.volumes();
    }
    return host.volumes().stream()
        .filter(v -> request.includeAnonymous() || !v.anonymous())
        .filter(request.selection()::matches)
        .map(VolumeInfo::name)
        .toList();
  }

  /**
   * The mountpoint to read volume from, or empty to read it through the Docker API; a
   * UsageException when readPath demands the mountpoint and it is not readable here.
   */
  Optional<Path> readableMountpoint(VolumeInfo volume, AccessPath readPath) {
    Optional<Path> mountpoint =
        readPath == AccessPath.API ? Optional.empty() : host.mountpoint(volume);
    if (readPath == AccessPath.MOUNTPOINT && mountpoint.isEmpty()) {
      throw new UsageException(
          "the mountpoint of volume "
              + volume.name()
              + " on "
              + host.address()
              + " is not readable here; drop --read-path mountpoint to read it through the Docker API");
    }
    return mountpoint;
  }

  private StoredSnapshot backup(String name, Request request, Optional<StoredSnapshot> parent)
      throws IOException {
    VolumeInfo volume = host.volume(name);
    listener.volumeStarted(name, parent.map(p -> p.snapshot().stats().bytes()).orElse(-1L));
    Optional<Path> mountpoint = readableMountpoint(volume, request.readPath());
    SnapshotCreator creator =
        new SnapshotCreator(repo, listener)
            .rereadAll(request.force())
            .hostname(request.hostname())
            .time(request.time());
    SkipLog skips = new SkipLog(listener::warning);
    if (mountpoint.isPresent()) {
      EntrySource source = new DirectorySource(mountpoint.get(), skips);
      return creator.create(
          source,
          VolumeSources.of(host, volume, AccessPath.MOUNTPOINT),
          request.tags(),
          parent.orElse(null),
          skips);
    }
    try (InputStream tar = host.openRead(name)) {
      return creator.create(
          new TarEntrySource(tar, true),
          VolumeSources.of(host, volume, AccessPath.API),
          request.tags(),
          parent.orElse(null),
          skips);
    }
  }
}

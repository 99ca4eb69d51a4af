package io.volback.app;

import io.volback.backup.ChangeScan;
import io.volback.backup.Changes;
import io.volback.docker.VolumeInfo;
import io.volback.entry.DirectorySource;
import io.volback.entry.SkipLog;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.StoredSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * BackupDryRun says what a backup would do, touching nothing: which volumes the selection takes
 * and, for each, which files are new, changed, unmodified or removed since its parent snapshot.
 * Only metadata is read (the mountpoint's, and the parent's tree); no file is opened for its
 * content, nothing is written to the repository, no lock is taken, no helper container is created.
 * A volume read through the Docker API cannot be compared without streaming all of it, so its
 * changes are reported as unknown.
 */
public final class BackupDryRun {
  static final String API_NOTE = "changes unknown: read through the Docker API";

  private final Repository repo;
  private final ProgressListener listener;

  public BackupDryRun(Repository repo, ProgressListener listener) {
    this.repo = repo;
    this.listener = listener;
  }

  /** PathChange: a path that is new, modified or removed since the parent. */
  public record PathChange(String change, String path) {}

  /**
   * Preview of one volume or directory: its parent's short id (null: none), the read path, the
   * changes (null when they cannot be known, note says why), the changed paths when asked for, or
   * the failure that would stop its backup.
   */
  public record Preview(
      String volume,
      String parent,
      String readPath,
      Changes changes,
      String note,
      List<PathChange> paths,
      Failure failure) {
    public boolean ok() {
      return failure == null;
    }
  }

  /** The volumes request selects on host, each with what its backup would read. */
  public List<Preview> volumes(VolumeHost host, BackupVolumes.Request request, boolean listPaths)
      throws IOException {
    BackupVolumes backup = new BackupVolumes(repo, host, listener);
    List<StoredSnapshot> existing = repo.snapshots();
    List<Preview> previews = new ArrayList<>();
    for (String name : backup.selectVolumes(request)) {
      Optional<StoredSnapshot> parent =
          ParentSnapshot.ofVolume(existing, name, host.address(), host.engineId());
      try {
        VolumeInfo volume = host.volume(name);
        Optional<Path> mountpoint = backup.readableMountpoint(volume, request.readPath());
        previews.add(
            mountpoint.isPresent()
                ? scan(
                    name,
                    mountpoint.get(),
                    AccessPath.MOUNTPOINT.label(),
                    parent,
                    request.force(),
                    listPaths)
                : unknown(name, parent));
      } catch (IOException | RuntimeException e) {
        if (e instanceof UsageException u) {
          throw u;
        }
        previews.add(
            new Preview(name, shortId(parent), null, null, null, List.of(), Failure.of(e)));
      }
    }
    return previews;
  }

  /** What backup --path dir would read. */
  public Preview directory(Path dir, String name, boolean force, String hostname, boolean listPaths)
      throws IOException {
    Path abs = BackupDirectory.checkedDirectory(dir);
    String sourceName = BackupDirectory.sourceName(abs, name);
    StoredSnapshot parent =
        BackupDirectory.parent(repo, sourceName, BackupDirectory.machine(hostname));
    return scan(sourceName, abs, "directory", Optional.ofNullable(parent), force, listPaths);
  }

  private Preview scan(
      String name,
      Path dir,
      String readPath,
      Optional<StoredSnapshot> parent,
      boolean force,
      boolean listPaths)
      throws IOException {
    List<PathChange> paths = new ArrayList<>();
    ChangeScan.ChangeListener changes =
        listPaths
            ? (change, path) ->
                paths.add(new PathChange(change.name().toLowerCase(Locale.ROOT), path))
            : (change, path) -> {};
    Changes found =
        new ChangeScan(repo, force, listener::warning)
            .scan(
                new DirectorySource(dir, new SkipLog(listener::warning)),
                parent.orElse(null),
                changes);
    return new Preview(name, shortId(parent), readPath, found, null, paths, null);
  }

  private static Preview unknown(String name, Optional<StoredSnapshot> parent) {
    return new Preview(
        name, shortId(parent), AccessPath.API.label(), null, API_NOTE, List.of(), null);
  }

  private static String shortId(Optional<StoredSnapshot> parent) {
    return parent.map(p -> p.id().shortHex()).orElse(null);
  }
}

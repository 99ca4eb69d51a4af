package io.volback.app;

import io.volback.concurrent.ShutdownHooks;
import io.volback.docker.NoSuchVolumeException;
import io.volback.docker.TarWriter;
import io.volback.docker.VolumeConsumer;
import io.volback.docker.VolumeDevice;
import io.volback.docker.VolumeInfo;
import io.volback.docker.VolumeSpec;
import io.volback.entry.DirectorySink;
import io.volback.entry.TarEntrySink;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.repo.snapshot.SnapshotSelector;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.restore.RestoreStats;
import io.volback.restore.SnapshotRestorer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * RestoreSnapshot writes a snapshot into a volume on a Docker host: the snapshot's own volume name
 * or another one. A missing volume is created with the snapshot's driver, driver options and
 * labels. An existing volume is only written into with overwrite when it is not empty or a
 * container uses it.
 *
 * <p>What could fail is checked before anything is created: the include paths must match, and a
 * volume to create must not share its directory or device with another volume (a bind volume
 * restored under a new name would otherwise be bound to the source's own directory). A volume the
 * restore created is removed again when the restore fails, unless keepPartial; an existing target
 * is left as it is, and the error says in which state.
 */
public final class RestoreSnapshot {
  private final Repository repo;
  private final VolumeHost host;
  private final ProgressListener listener;

  public RestoreSnapshot(Repository repo, VolumeHost host, ProgressListener listener) {
    this.repo = repo;
    this.host = host;
    this.listener = listener;
  }

  /** Request: which snapshot, into which volume, and how. */
  public record Request(
      String snapshot,
      SnapshotFilter filter,
      String targetVolume,
      boolean overwrite,
      List<String> include,
      AccessPath writePath,
      Map<String, String> driverOptions,
      boolean keepPartial,
      boolean delete) {
    public Request(
        String snapshot,
        SnapshotFilter filter,
        String targetVolume,
        boolean overwrite,
        List<String> include,
        AccessPath writePath,
        Map<String, String> driverOptions,
        boolean keepPartial) {
      this(
          snapshot,
          filter,
          targetVolume,
          overwrite,
          include,
          writePath,
          driverOptions,
          keepPartial,
          false);
    }
  }

  /** Result: what was restored where. */
  public record Result(
      SnapshotSummary snapshot,
      String volume,
      String host,
      boolean created,
      String writePath,
      RestoreStats stats,
      Long removedExtras) {}

  /**
   * DryRun: what run(request) would do, found without touching anything: the target volume, whether
   * it would be created and with which driver and options (after --driver-opt, redacted), how it
   * would be written, how many files and bytes would be restored, and the error the restore would
   * stop with (null when it would go ahead).
   */
  public record DryRun(
      SnapshotSummary snapshot,
      String volume,
      String host,
      boolean create,
      String driver,
      Map<String, String> driverOptions,
      String writePath,
      long files,
      long bytes,
      Exception refusal) {}

  public Result run(Request request) throws IOException {
    checkDelete(request);
    StoredSnapshot snap = select(request);
    host.removeLeftoverHelpers();
    String target = target(request, snap);
    PathFilter filter = filter(request);
    SnapshotRestorer restorer = new SnapshotRestorer(repo, listener);
    checkIncludes(restorer, snap, filter);
    TargetState state = new TargetState(target);
    Thread onInterrupt =
        request.keepPartial()
            ? null
            : ShutdownHooks.add("volback-restore-cleanup", state::interrupted);
    try {
      VolumeSpec spec = host.exists(target) ? null : newVolume(target, snap, request);
      checkTarget(target, spec, snap, request);
      if (spec != null) {
        // created is set before the engine is asked, so that an interrupt from then on removes it
        state.options = spec.driverOptions();
        state.created = true;
        create(spec);
      }
      return restoreOrUndo(request, snap, restorer, filter, state);
    } finally {
      state.finish();
      if (onInterrupt != null) {
        ShutdownHooks.remove(onInterrupt); // a hook already running finds the state finished
      }
    }
  }

  /**
   * What run(request) would do, after the same checks, creating and writing nothing (no helper
   * container is swept or created, no lock taken): the refusal is returned, not thrown.
   */
  public DryRun dryRun(Request request) throws IOException {
    checkDelete(request);
    StoredSnapshot snap = select(request);
    String target = target(request, snap);
    PathFilter filter = filter(request);
    SnapshotRestorer restorer = new SnapshotRestorer(repo, listener);
    checkIncludes(restorer, snap, filter);
    VolumeInfo existing = host.exists(target) ? host.volume(target) : null;
    VolumeSpec spec = existing == null ? newVolume(target, snap, request) : null;
    Exception refusal = null;
    String writePath = null;
    try {
      checkTarget(target, spec, snap, request);
    } catch (UsageException | OperationRefusedException e) {
      refusal = e;
    }
    try {
      writePath = plannedWritePath(existing, request.writePath());
      if (request.delete() && existing != null && writePath.equals(AccessPath.API.label())) {
        throw deleteNeedsMountpoint(target);
      }
    } catch (UsageException e) {
      refusal = refusal == null ? e : refusal;
    }
    RestoreStats stats = restorer.plannedStats(snap, filter);
    return new DryRun(
        SnapshotSummary.of(snap),
        target,
        host.address(),
        existing == null,
        existing == null ? spec.driver() : existing.driver(),
        Redaction.driverOptions(existing == null ? spec.driverOptions() : existing.driverOptions()),
        writePath,
        stats.files(),
        stats.bytes(),
        refusal);
  }

  /**
   * --delete makes the volume exactly the snapshot, which only the mountpoint path can do: a tar
   * stream through the Docker API can add and replace files but not remove them.
   */
  private static void checkDelete(Request request) {
    if (!request.delete()) {
      return;
    }
    if (!request.overwrite()) {
      throw new UsageException(
          "--delete removes what the target holds beyond the snapshot: it needs --overwrite");
    }
    if (request.writePath() == AccessPath.API) {
      throw new UsageException(
          "--delete needs --write-path mountpoint (or auto with the mountpoint visible here):"
              + " the Docker API path writes a tar stream, which cannot remove files");
    }
  }

  private UsageException deleteNeedsMountpoint(String target) {
    return new UsageException(
        "--delete needs the mountpoint of volume "
            + target
            + " on "
            + host.address()
            + ", which is not writable here: the Docker API path writes a tar stream, which cannot"
            + " remove files; run volback on that Docker host, or restore without --delete");
  }

  private StoredSnapshot select(Request request) throws IOException {
    return SnapshotSelector.select(repo.snapshotList(), request.snapshot(), request.filter());
  }

  /** The volume to restore into: --to, else the snapshot's own (a directory's has none). */
  private static String target(Request request, StoredSnapshot snap) {
    SourceInfo source = snap.snapshot().source();
    if (request.targetVolume() == null && !SourceInfo.VOLUME.equals(source.kind())) {
      throw new UsageException(
          "snapshot "
              + snap.id().shortHex()
              + " is of a "
              + source.kind()
              + ", not a volume: name the volume to restore into with --to");
    }
    return request.targetVolume() != null ? request.targetVolume() : source.name();
  }

  private static PathFilter filter(Request request) {
    return filter(request.include());
  }

  /** The filter of --include paths: all when none are given. */
  static PathFilter filter(List<String> include) {
    return include == null || include.isEmpty() ? PathFilter.ALL : PathFilter.including(include);
  }

  /**
   * Refuses (a usage error) --include paths the snapshot does not hold, before anything is created
   * or changed; restores into volumes and into directories alike.
   */
  static void checkIncludes(SnapshotRestorer restorer, StoredSnapshot snap, PathFilter filter)
      throws IOException {
    List<String> unmatched = restorer.unmatchedIncludes(snap, filter);
    if (!unmatched.isEmpty()) {
      throw new UsageException(
          "nothing to restore for "
              + String.join(", ", unmatched)
              + ": snapshot "
              + snap.id().shortHex()
              + " holds no such path (see volback ls "
              + snap.id().shortHex()
              + "); nothing was created or changed");
    }
  }

  /** The volume a restore creates: the snapshot's driver, options (with overrides) and labels. */
  private static VolumeSpec newVolume(String target, StoredSnapshot snap, Request request) {
    SourceInfo source = snap.snapshot().source();
    Map<String, String> options = new TreeMap<>(source.driverOptions());
    options.putAll(request.driverOptions());
    return new VolumeSpec(target, source.driver(), options, source.labels());
  }

  /**
   * How the target would be written. A volume not created yet has no mountpoint to look at: auto
   * decides once it exists, and mountpoint is refused then when it is not visible here.
   */
  private String plannedWritePath(VolumeInfo existing, AccessPath writePath) {
    if (existing != null) {
      return (writableMountpoint(existing, writePath).isPresent()
              ? AccessPath.MOUNTPOINT
              : AccessPath.API)
          .label();
    }
    return switch (writePath) {
      case API -> AccessPath.API.label();
      case MOUNTPOINT -> "mountpoint (decided once the volume is created)";
      default -> "auto (mountpoint when visible once the volume is created, else api)";
    };
  }

  private Result restoreOrUndo(
      Request request,
      StoredSnapshot snap,
      SnapshotRestorer restorer,
      PathFilter filter,
      TargetState state)
      throws IOException {
    try {
      if (state.created && !request.overwrite()) {
        refuseNonEmptyDevice(state.volume);
      }
      return restoreInto(state.volume, snap, restorer, filter, request, state);
    } catch (UsageException e) {
      throw new UsageException(state.undo(e, request.keepPartial()));
    } catch (IOException | RuntimeException e) {
      throw new IOException(state.undo(e, request.keepPartial()), e);
    } catch (Error e) {
      state.undo(e, request.keepPartial());
      throw e;
    }
  }

  private Result restoreInto(
      String target,
      StoredSnapshot snap,
      SnapshotRestorer restorer,
      PathFilter filter,
      Request request,
      TargetState state)
      throws IOException {
    VolumeInfo volume = host.volume(target);
    Optional<Path> mountpoint = writableMountpoint(volume, request.writePath());
    if (request.delete() && mountpoint.isEmpty()) {
      throw deleteNeedsMountpoint(target);
    }
    listener.volumeStarted(target, snap.snapshot().stats().bytes());
    RestoreStats stats;
    Long removedExtras = null;
    state.writing = true;
    if (mountpoint.isPresent()) {
      try (DirectorySink sink = sink(mountpoint.get(), filter, request.delete())) {
        stats = restorer.restore(snap, sink, filter);
        removedExtras = request.delete() ? sink.removedExtras() : null;
      }
    } else {
      TarRestore tar = new TarRestore(restorer, snap, filter);
      host.write(target, tar);
      stats = tar.stats;
    }
    listener.volumeFinished(target);
    return new Result(
        SnapshotSummary.of(snap),
        target,
        host.address(),
        state.created,
        (mountpoint.isPresent() ? AccessPath.MOUNTPOINT : AccessPath.API).label(),
        stats,
        removedExtras);
  }

  private DirectorySink sink(Path mountpoint, PathFilter filter, boolean delete) {
    DirectorySink sink = new DirectorySink(mountpoint, listener::warning);
    return delete ? sink.removingExtras(filter::includes) : sink;
  }

  /** The mountpoint to write volume at, or empty for the Docker API; refuses as writePath says. */
  private Optional<Path> writableMountpoint(VolumeInfo volume, AccessPath writePath) {
    Optional<Path> mountpoint =
        writePath == AccessPath.API ? Optional.empty() : host.mountpoint(volume);
    if (writePath == AccessPath.MOUNTPOINT && mountpoint.isEmpty()) {
      throw new UsageException(
          "the mountpoint of volume "
              + volume.name()
              + " on "
              + host.address()
              + " is not writable here; drop --write-path mountpoint to restore through the Docker API");
    }
    return mountpoint;
  }

  /** TarRestore writes a snapshot as the tar stream that VolumeArchive puts into the volume. */
  private static final class TarRestore implements TarWriter {
    private final SnapshotRestorer restorer;
    private final StoredSnapshot snap;
    private final PathFilter filter;
    private RestoreStats stats;

    TarRestore(SnapshotRestorer restorer, StoredSnapshot snap, PathFilter filter) {
      this.restorer = restorer;
      this.snap = snap;
      this.filter = filter;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      try (TarEntrySink sink = new TarEntrySink(out, "data")) {
        stats = restorer.restore(snap, sink, filter);
      }
    }
  }

  /**
   * The checks a restore makes before it creates or writes anything, the same for run and dryRun: a
   * volume to create (toCreate) must not share its device with another volume; an existing one
   * takes no --driver-opt, and without overwrite must be unused and empty.
   */
  private void checkTarget(String target, VolumeSpec toCreate, StoredSnapshot snap, Request request)
      throws IOException {
    Map<String, String> optionOverrides = request.driverOptions();
    if (toCreate != null) {
      new SharedDeviceCheck(host).checkNew(toCreate, snap, optionOverrides.containsKey("device"));
      return;
    }
    boolean overwrite = request.overwrite();
    if (!optionOverrides.isEmpty()) {
      throw new UsageException(
          "volume "
              + target
              + " exists on "
              + host.address()
              + ": --driver-opt only applies to a volume that restore creates");
    }
    List<VolumeConsumer> users = host.consumers(target);
    if (!users.isEmpty() && !overwrite) {
      throw new OperationRefusedException(
          "volume "
              + target
              + " on "
              + host.address()
              + " is used by "
              + names(users)
              + "; remove them (docker rm: a stopped container holds its volumes too),"
              + " or restore with --overwrite");
    }
    new SharedDeviceCheck(host).checkExisting(host.volume(target));
    if (!overwrite && !host.isEmpty(target)) {
      throw new OperationRefusedException(
          "volume "
              + target
              + " on "
              + host.address()
              + " is not empty; restore with --overwrite to write into it, or choose another --to");
    }
  }

  /**
   * A volume created on a bind device (or any device) starts with what the device holds: the same
   * rule as for an existing volume applies, it must be empty unless --overwrite.
   */
  private void refuseNonEmptyDevice(String target) throws IOException {
    VolumeInfo volume = host.volume(target);
    Optional<VolumeDevice> device = VolumeDevice.of(volume.driver(), volume.driverOptions());
    if (device.isPresent() && !host.isEmpty(target)) {
      throw new OperationRefusedException(
          "volume "
              + target
              + " on "
              + host.address()
              + " was created with device="
              + device.get().device()
              + ", which is not empty;"
              + " restore with --overwrite to write into it, or give it another --driver-opt device=");
    }
  }

  /** Creates the volume; a create that fails half-way (the volume exists after all) is undone. */
  private void create(VolumeSpec spec) throws IOException {
    try {
      host.create(spec);
    } catch (IOException | RuntimeException e) {
      try {
        if (host.exists(spec.name())) {
          host.remove(spec.name());
        }
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
        throw new IOException(
            e.getMessage()
                + "; volume "
                + spec.name()
                + " may have been"
                + " created anyway and could not be removed ("
                + cleanup.getMessage()
                + "): remove it with docker volume rm "
                + spec.name(),
            e);
      }
      throw e;
    }
  }

  private static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  private static String names(List<VolumeConsumer> users) {
    return users.stream()
        .map(c -> c.name() + (c.running() ? " (running)" : " (stopped)"))
        .reduce((a, b) -> a + ", " + b)
        .orElse("");
  }

  /** TargetState is what a failure has to undo or report about the target volume. */
  private final class TargetState {
    final String volume;
    volatile boolean created;
    boolean writing;
    private boolean finished;
    Map<String, String> options = Map.of();

    TargetState(String volume) {
      this.volume = volume;
    }

    /** The restore is over, failed or not: an interrupt from now on changes nothing. */
    synchronized void finish() {
      finished = true;
    }

    /**
     * On SIGINT/SIGTERM (a shutdown hook): removes the volume this restore created, unless the
     * restore is over. Synchronized with undo, so that the volume is removed once, and before the
     * command closes its Docker connection.
     */
    synchronized void interrupted() {
      if (!created || finished) {
        return;
      }
      finished = true;
      String what =
          "volume "
              + volume
              + " on "
              + host.address()
              + ", which the interrupted restore created, ";
      try {
        host.removeWithHelpers(volume);
        listener.warning(what + "was removed");
      } catch (NoSuchVolumeException neverCreated) {
        // interrupted before the engine created it
      } catch (IOException | RuntimeException e) {
        listener.warning(
            what
                + "could not be removed ("
                + e.getMessage()
                + "): remove it with docker volume rm "
                + volume);
      }
    }

    /**
     * Removes a volume this restore created (unless keepPartial); returns e's message with what
     * became of the volume.
     */
    synchronized String undo(Throwable e, boolean keepPartial) {
      String what = "volume " + volume + " on " + host.address();
      String state;
      if (created && finished) {
        state = what + ", which this restore created, was removed on the interrupt";
      } else if (created && keepPartial) {
        state =
            what
                + ", which this restore created, was kept as it is, partly written"
                + " (--keep-partial)";
      } else if (created) {
        finished = true;
        state = removeCreated(e, what) + boundDirectoryNote();
      } else if (writing) {
        state =
            what
                + " existed before and was left as it is: partly restored, old and restored"
                + " files mixed; restore again with --overwrite";
      } else {
        state = what + " existed before and was not changed";
      }
      return message(e) + "; " + state;
    }

    /** Removing a bind volume leaves its directory, with what was written, where it is. */
    private String boundDirectoryNote() {
      if (!writing || !VolumeDevice.isBind(options)) {
        return "";
      }
      return " (its bind directory "
          + options.getOrDefault("device", "?")
          + " keeps the files written so far)";
    }

    private String removeCreated(Throwable e, String what) {
      try {
        host.removeWithHelpers(volume);
        return what + ", which this restore created, was removed";
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
        return what
            + ", which this restore created, could not be removed ("
            + cleanup.getMessage()
            + "): remove it with docker volume rm "
            + volume;
      }
    }
  }
}

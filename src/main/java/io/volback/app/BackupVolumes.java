package io.volback.app;

import io.volback.backup.SnapshotCreator;
import io.volback.concurrent.LocalHost;
import io.volback.config.ContainerHooks;
import io.volback.docker.StatScanSource;
import io.volback.docker.VolumeConsumer;
import io.volback.docker.VolumeInfo;
import io.volback.entry.DirectorySource;
import io.volback.entry.EntrySource;
import io.volback.entry.SkipLog;
import io.volback.entry.TarEntrySource;
import io.volback.hooks.ContainerOps;
import io.volback.hooks.HookEvent;
import io.volback.hooks.HookGroups;
import io.volback.hooks.HookListener;
import io.volback.hooks.HookSession;
import io.volback.hooks.HookedContainer;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BackupVolumes snapshots volumes of one Docker host, one after the other. A volume that fails does
 * not stop the others; each gets its own result. The mountpoint is read directly when volback can
 * see it (and unchanged files are then skipped against the volume's previous snapshot), otherwise
 * the volume is streamed through the Docker API from a never-started helper container.
 */
public final class BackupVolumes {
  private static final Logger LOG = LoggerFactory.getLogger(BackupVolumes.class);
  private final Repository repo;
  private final VolumeHost host;
  private final ProgressListener listener;
  private ContainerOps containerOps;
  private Function<VolumeConsumer, ContainerHooks> hooksOf;
  private HookListener hookListener = HookListener.NONE;

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

  /**
   * VolumeResult: a snapshot, or the failure that stopped this volume's backup, and what hooks did
   * around it (the stops, starts and commands of its group, each command with its output tail). A
   * volume can have both a snapshot and a failure: taken, but a container did not start again or a
   * post command failed.
   */
  public record VolumeResult(
      String volume, SnapshotSummary snapshot, Failure failure, List<HookEvent> hooks) {
    public VolumeResult {
      hooks = List.copyOf(hooks);
    }

    public VolumeResult(String volume, SnapshotSummary snapshot, Failure failure) {
      this(volume, snapshot, failure, List.of());
    }

    public boolean ok() {
      return failure == null;
    }

    /**
     * What hooks did, as text for a run's history: a line per stop, start and command, each
     * command's output tail indented under it; "" when nothing. Plain text so that layers that may
     * not see the hooks package (schedule) can record it.
     */
    public String hookLog() {
      StringBuilder log = new StringBuilder();
      for (HookEvent e : hooks) {
        log.append(e.action().label()).append(' ').append(e.container());
        if (e.command() != null) {
          log.append(": ").append(e.command());
        }
        log.append(": ").append(e.outcome().label()).append(", ").append(e.message()).append('\n');
        if (!e.output().isEmpty()) {
          e.output().lines().forEach(l -> log.append("  ").append(l).append('\n'));
        }
      }
      return log.toString();
    }
  }

  /**
   * Runs hooks around the backups: hooksOf says what each container that mounts a selected volume
   * asks for (its labels, a policy, the command line's options, merged by the caller), ops does it.
   * Volumes linked by a hooked container are backed up together (HookGroups).
   */
  public BackupVolumes withHooks(
      ContainerOps ops, Function<VolumeConsumer, ContainerHooks> hooksOf, HookListener events) {
    this.containerOps = ops;
    this.hooksOf = hooksOf;
    this.hookListener = events;
    return this;
  }

  public List<VolumeResult> run(Request request) throws IOException {
    if (containerOps != null) {
      return runWithHooks(request);
    }
    List<VolumeResult> results = new ArrayList<>();
    host.removeLeftoverHelpers();
    // Listed once: this run only adds snapshots of other volumes than the one it looks up.
    List<StoredSnapshot> existing = repo.snapshots();
    for (String name : selectVolumes(request)) {
      results.add(backupOne(name, request, existing));
    }
    return results;
  }

  /** Backs up one volume against its parent among existing: a snapshot, or why it failed. */
  private VolumeResult backupOne(String name, Request request, List<StoredSnapshot> existing)
      throws IOException {
    try {
      Optional<StoredSnapshot> parent =
          ParentSnapshot.ofVolume(existing, name, host.address(), host.engineId());
      StoredSnapshot snap = backup(name, request, parent);
      return new VolumeResult(name, SnapshotSummary.of(snap), null);
    } catch (IOException | RuntimeException e) {
      if (e instanceof UsageException u) {
        throw u;
      }
      return new VolumeResult(name, null, Failure.of(e));
    } finally {
      listener.volumeFinished(name);
    }
  }

  private List<VolumeResult> runWithHooks(Request request) throws IOException {
    List<VolumeResult> results = new ArrayList<>();
    host.removeLeftoverHelpers();
    List<StoredSnapshot> existing = repo.snapshots();
    List<String> selected = selectVolumes(request);
    List<String> volumes = new ArrayList<>();
    Map<String, List<HookedContainer>> hooked = new LinkedHashMap<>();
    for (String name : selected) {
      try {
        hooked.put(name, hookedConsumers(name));
        volumes.add(name);
      } catch (IOException | RuntimeException e) {
        if (e instanceof UsageException u) {
          throw u;
        }
        results.add(new VolumeResult(name, null, Failure.of(e)));
        listener.volumeFinished(name);
      }
    }
    requireNamedContainers(hooked);
    for (HookGroups.Group group : HookGroups.of(volumes, hooked)) {
      results.addAll(backupGroup(group, request, existing));
    }
    // Groups reorder the volumes; results keep the order they were asked for in.
    results.sort(Comparator.comparingInt(r -> selected.indexOf(r.volume())));
    return results;
  }

  /**
   * The groups the selected volumes are backed up in and the hooked containers of each, as a backup
   * with hooks would run them: what a dry run shows.
   */
  public List<HookGroups.Group> hookPlan(Request request) throws IOException {
    List<String> volumes = selectVolumes(request);
    Map<String, List<HookedContainer>> hooked = new LinkedHashMap<>();
    for (String name : volumes) {
      hooked.put(name, hookedConsumers(name));
    }
    requireNamedContainers(hooked);
    return HookGroups.of(volumes, hooked);
  }

  /** A command given for a container that mounts none of the volumes would silently not run. */
  private void requireNamedContainers(Map<String, List<HookedContainer>> hooked) {
    if (!(hooksOf instanceof HookOptions options)) {
      return;
    }
    Set<String> seen = new HashSet<>();
    hooked.values().forEach(list -> list.forEach(c -> seen.add(c.name())));
    for (String name : new TreeSet<>(options.namedContainers())) {
      if (!seen.contains(name)) {
        throw new UsageException(
            "container "
                + name
                + " (--exec-pre/--exec-post) mounts none of the volumes backed up on "
                + host.address());
      }
    }
  }

  /** What hooks the containers that mount the volume ask for; those that ask for none left out. */
  public List<HookedContainer> hookedConsumers(String volume) throws IOException {
    List<HookedContainer> hooked = new ArrayList<>();
    for (VolumeConsumer c : host.consumers(volume)) {
      ContainerHooks hooks = hooksOf.apply(c);
      if (hooks != null && !hooks.isEmpty()) {
        hooked.add(new HookedContainer(c.id(), c.name(), c.running(), hooks));
      }
    }
    return hooked;
  }

  private List<VolumeResult> backupGroup(
      HookGroups.Group group, Request request, List<StoredSnapshot> existing) throws IOException {
    List<VolumeResult> results = new ArrayList<>();
    HookSession session = HookSession.begin(containerOps, group, hookListener);
    try {
      String failed = session.failure();
      for (String name : group.volumes()) {
        if (failed != null) {
          results.add(new VolumeResult(name, null, Failure.of(new HookFailedException(failed))));
          continue;
        }
        results.add(backupOne(name, request, existing));
      }
    } finally {
      session.finish();
    }
    String afterwards = session.failure();
    List<VolumeResult> withHooks = new ArrayList<>();
    for (VolumeResult r : results) {
      Failure failure = r.failure();
      if (failure == null && afterwards != null) {
        failure = Failure.of(new HookFailedException(afterwards));
      }
      withHooks.add(new VolumeResult(r.volume(), r.snapshot(), failure, session.events()));
    }
    return withHooks;
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
        .filter(v -> !ScratchVolumes.isScratch(v.labels()))
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
    if (ApiReadMode.statScan(request.force(), parent.orElse(null), repo)) {
      StoredSnapshot p = parent.get();
      TreeReader tree = new TreeReader(repo.newBlobLoader(), p.snapshot().treeIds());
      Optional<StatScanSource> scan =
          host.openStatScan(
              name,
              () -> {
                TreeNode n = tree.next();
                return n == null ? null : n.entry();
              },
              p.snapshot().time());
      if (scan.isPresent()) {
        try (StatScanSource source = scan.get()) {
          StoredSnapshot done =
              creator.create(
                  source, VolumeSources.of(host, volume, AccessPath.API), request.tags(), p, skips);
          LOG.debug(
              "volume {}: stat scan, {} paths stat'ed, {} fetched",
              name,
              source.statted(),
              source.fetched());
          return done;
        }
      }
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

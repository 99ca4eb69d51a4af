package io.volback.app;

import io.volback.concurrent.LocalHost;
import io.volback.concurrent.ShutdownHooks;
import io.volback.docker.NoSuchVolumeException;
import io.volback.docker.VolumeSpec;
import io.volback.entry.DirectorySource;
import io.volback.entry.TarEntrySource;
import io.volback.repo.Repository;
import io.volback.repo.SnapshotNotFoundException;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.DrillRecord.Mismatch;
import io.volback.repo.drill.StoredDrill;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.repo.snapshot.SnapshotSelector;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.restore.DamagedFiles;
import io.volback.restore.SnapshotVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DrillVolume runs one disaster-recovery drill: it restores a snapshot of a volume into a new
 * scratch volume on the target host (ScratchVolumes names and labels it), reads the scratch volume
 * back the way a restore wrote it and verifies every entry's content and metadata against the
 * snapshot, runs the probe when one is given, removes the scratch volume (unless keep, and also on
 * failure and on SIGTERM), and stores the drill's record in the repository. The source volume and
 * its containers are never touched.
 *
 * <p>A drill that finds a difference, an unreadable object or a failing probe returns a FAILED
 * record naming the files or objects; run throws only when the drill cannot start (no snapshot of
 * the volume, a usage problem: UsageException) or its record cannot be stored.
 */
public final class DrillVolume {
  /** How many damaged files a failed restore is followed up with, at most. */
  static final int MAX_DAMAGED_FILES = 100;

  private final Repository repo;
  private final VolumeHost target;
  private final DrillListener listener;
  private final AccessPath writePath;

  public DrillVolume(Repository repo, VolumeHost target, DrillListener listener) {
    this(repo, target, listener, AccessPath.AUTO);
  }

  /** A drill that restores (and so reads back) through writePath: AUTO, API or MOUNTPOINT. */
  public DrillVolume(
      Repository repo, VolumeHost target, DrillListener listener, AccessPath writePath) {
    this.repo = repo;
    this.target = target;
    this.listener = listener;
    this.writePath = writePath;
  }

  /**
   * Request: the volume (as snapshots name their source), the snapshot (an id prefix, "latest" or
   * null for the newest of volume matching filter), whether to keep the scratch volume, and the
   * probe (null for none).
   */
  public record Request(
      String volume, String snapshot, SnapshotFilter filter, boolean keep, ProbeSpec probe) {}

  /** Runs the drill and stores its record; the record says whether it passed. */
  public StoredDrill run(Request request) throws IOException {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    StoredSnapshot snap = select(request);
    String volume = snap.snapshot().source().name();
    Drill drill = new Drill(snap, ScratchVolumes.newName(volume));
    Scratch scratch = new Scratch(drill.scratch, volume);
    Thread onInterrupt =
        request.keep() ? null : ShutdownHooks.add("volback-drill-cleanup", scratch::interrupted);
    try {
      drill.run(request, scratch, started, startNanos);
    } finally {
      if (!request.keep()) {
        listener.drillPhase(volume, "cleanup");
        drill.scratchKept = !scratch.remove();
        ShutdownHooks.remove(onInterrupt); // a hook already running finds the volume removed
      } else {
        drill.scratchKept = scratch.created;
      }
    }
    return repo.saveDrill(drill.record(started));
  }

  /** The snapshot to drill: request.snapshot among the snapshots of request.volume. */
  private StoredSnapshot select(Request request) throws IOException {
    SnapshotFilter given = request.filter() == null ? SnapshotFilter.ALL : request.filter();
    SnapshotFilter filter =
        request.volume() == null
            ? given
            : new SnapshotFilter(
                given.hostnames(), given.tags(), List.of(request.volume()), given.dockerHosts());
    String ref = request.snapshot() == null ? "latest" : request.snapshot();
    try {
      return SnapshotSelector.select(repo.snapshotList(), ref, filter);
    } catch (SnapshotNotFoundException e) {
      throw new UsageException("cannot drill: " + e.getMessage());
    }
  }

  /** Drill is one run's state, from which its record is made. */
  private final class Drill {
    final StoredSnapshot snap;
    final String scratch;
    String readPath;
    double restoreSeconds;
    double totalSeconds;
    long filesVerified;
    long bytesVerified;
    long mismatchCount;
    List<Mismatch> mismatches = List.of();
    List<String> notCompared = List.of();
    DrillRecord.Probe probe;
    final List<String> errors = new ArrayList<>();
    boolean scratchKept;

    Drill(StoredSnapshot snap, String scratch) {
      this.snap = snap;
      this.scratch = scratch;
    }

    void run(Request request, Scratch volume, Instant started, long startNanos) {
      String name = snap.snapshot().source().name();
      RestoreSnapshot.Result restored = null;
      listener.drillPhase(name, "restore");
      long restoreStart = System.nanoTime();
      try {
        volume.create(started);
        restored =
            new RestoreSnapshot(repo, target, listener)
                .run(
                    new RestoreSnapshot.Request(
                        snap.id().hex(),
                        SnapshotFilter.ALL,
                        scratch,
                        false,
                        List.of(),
                        writePath,
                        Map.of(),
                        true));
      } catch (IOException | RuntimeException e) {
        errors.add("restore: " + restoreError(e));
      } finally {
        restoreSeconds = seconds(System.nanoTime() - restoreStart);
      }
      listener.drillPhase(name, "verify");
      if (restored == null) {
        nameDamage();
      } else {
        verify(restored);
        if (request.probe() != null) {
          listener.drillPhase(name, "probe");
          probe(request.probe());
        }
      }
      totalSeconds = seconds(System.nanoTime() - startNanos);
    }

    /** After a failed restore: the files and objects of the snapshot that cannot be loaded. */
    private void nameDamage() {
      try (RepositoryLock lock = repo.lock(LockMode.SHARED)) {
        DamagedFiles.Result damage = new DamagedFiles(repo, MAX_DAMAGED_FILES).find(snap);
        mismatches = damage.problems();
        mismatchCount = damage.problems().size();
        if (damage.truncated()) {
          listener.warning(
              "snapshot "
                  + snap.id().shortHex()
                  + " has more than "
                  + MAX_DAMAGED_FILES
                  + " damaged files; the drill names the first of them");
        }
      } catch (IOException | RuntimeException e) {
        errors.add("naming the damaged files: " + message(e));
      }
    }

    private void verify(RestoreSnapshot.Result restored) {
      readPath = restored.writePath();
      boolean api = AccessPath.API.label().equals(readPath);
      SnapshotVerifier.Tolerance tolerance =
          api ? SnapshotVerifier.Tolerance.DOCKER_ARCHIVE : SnapshotVerifier.Tolerance.EXACT;
      notCompared = tolerance.notCompared();
      try (RepositoryLock lock = repo.lock(LockMode.SHARED)) {
        SnapshotVerifier.Result result;
        SnapshotVerifier verifier = new SnapshotVerifier(repo);
        if (api) {
          try (InputStream tar = target.openRead(scratch)) {
            result = verifier.verify(snap, new TarEntrySource(tar, true), tolerance);
          }
        } else {
          Path dir =
              target
                  .mountpoint(target.volume(scratch))
                  .orElseThrow(
                      () ->
                          new IOException(
                              "the mountpoint of scratch volume "
                                  + scratch
                                  + " is no longer visible here"));
          result = verifier.verify(snap, new DirectorySource(dir, listener::warning), tolerance);
        }
        filesVerified = result.filesVerified();
        bytesVerified = result.bytesVerified();
        mismatchCount = result.mismatchCount();
        mismatches = result.mismatches();
      } catch (IOException | RuntimeException e) {
        errors.add("read-back of " + scratch + ": " + message(e));
      }
    }

    private void probe(ProbeSpec spec) {
      try {
        ProbeResult r = target.runProbe(scratch, spec);
        probe =
            new DrillRecord.Probe(
                spec.image(),
                spec.command(),
                spec.mount(),
                r.exitCode(),
                r.timedOut(),
                r.duration() == null ? 0 : seconds(r.duration().toNanos()),
                r.outputTail());
        if (!r.passed()) {
          errors.add(
              "probe: "
                  + (r.timedOut()
                      ? "still running after " + spec.timeout().toSeconds() + " s"
                      : "exit code " + r.exitCode()));
        }
      } catch (IOException | RuntimeException e) {
        probe =
            new DrillRecord.Probe(spec.image(), spec.command(), spec.mount(), null, false, 0, null);
        errors.add("probe: " + message(e));
      }
    }

    DrillRecord record(Instant started) {
      boolean passed = errors.isEmpty() && mismatchCount == 0;
      return new DrillRecord(
          DrillRecord.VERSION,
          started,
          LocalHost.name(),
          snap.snapshot().source().name(),
          snap.snapshot().source().dockerHost(),
          snap.id().hex(),
          snap.snapshot().time(),
          target.address(),
          scratch,
          readPath,
          seconds(Duration.between(snap.snapshot().time(), started).toNanos()),
          restoreSeconds,
          totalSeconds,
          filesVerified,
          bytesVerified,
          mismatchCount,
          mismatches,
          notCompared,
          probe,
          passed ? DrillRecord.PASSED : DrillRecord.FAILED,
          errors.isEmpty() ? null : String.join("; ", errors),
          scratchKept);
    }
  }

  /** The restore's own error: what failed, without RestoreSnapshot's note on the target's state. */
  private static String restoreError(Throwable e) {
    Throwable cause = e.getCause();
    if (e instanceof IOException && cause != null && cause.getMessage() != null) {
      return cause.getMessage();
    }
    return message(e);
  }

  private static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /**
   * Scratch is the drill's scratch volume: created as a plain local volume with only the scratch
   * labels (never the source's driver, options or labels: a bind volume would point at the source's
   * own directory, and volback.enable would get it backed up), and removed once, by the drill or by
   * the shutdown hook on SIGINT/SIGTERM, whichever comes first.
   */
  private final class Scratch {
    final String name;
    final String source;
    volatile boolean created;
    private boolean removed;

    Scratch(String name, String source) {
      this.name = name;
      this.source = source;
    }

    void create(Instant started) throws IOException {
      // created is set before the engine is asked, so that an interrupt from then on removes it
      synchronized (this) {
        created = true;
      }
      target.create(
          new VolumeSpec(name, "local", Map.of(), ScratchVolumes.labels(source, started)));
    }

    /** Removes the volume if it was created; false when it is left behind. */
    synchronized boolean remove() {
      if (!created || removed) {
        return true;
      }
      removed = true;
      try {
        target.removeWithHelpers(name);
        return true;
      } catch (NoSuchVolumeException neverCreated) {
        return true;
      } catch (IOException | RuntimeException e) {
        listener.warning(
            "scratch volume "
                + name
                + " on "
                + target.address()
                + " could not be removed ("
                + message(e)
                + "): remove it with docker volume rm "
                + name);
        return false;
      }
    }

    synchronized void interrupted() {
      if (created && !removed && remove()) {
        listener.warning(
            "scratch volume "
                + name
                + " on "
                + target.address()
                + " of the interrupted drill was"
                + " removed");
      }
    }
  }
}

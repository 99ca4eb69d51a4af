package io.volback.app;

import io.volback.repo.Repository;
import io.volback.repo.drill.StoredDrill;
import io.volback.repo.snapshot.SnapshotFilter;
import java.io.IOException;

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
  private final Repository repo;
  private final VolumeHost target;
  private final DrillListener listener;

  public DrillVolume(Repository repo, VolumeHost target, DrillListener listener) {
    this.repo = repo;
    this.target = target;
    this.listener = listener;
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
    throw new UnsupportedOperationException("drills issue: helper drill-core");
  }
}

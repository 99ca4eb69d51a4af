package io.volback.app;

import io.volback.repo.Repository;
import io.volback.repo.SnapshotNotFoundException;
import io.volback.repo.snapshot.LatestSnapshots;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.repo.snapshot.StoredSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * RestoreVolumes restores the newest snapshot of every volume the filter selects, each into the
 * volume of its own name on one Docker host: a whole host brought back onto a new one. Every volume
 * is restored as RestoreSnapshot restores one (an existing volume only with overwrite); one failing
 * does not stop the others.
 *
 * <p>Two volumes of the same name backed up from two Docker hosts would land in one volume: that is
 * refused before anything is restored, naming the hosts to choose from.
 */
public final class RestoreVolumes {
  private final Repository repo;
  private final RestoreSnapshot restore;

  public RestoreVolumes(Repository repo, VolumeHost target, ProgressListener listener) {
    this.repo = repo;
    this.restore = new RestoreSnapshot(repo, target, listener);
  }

  /** Request: which snapshots (filter) and how each volume is written. */
  public record Request(SnapshotFilter filter, boolean overwrite, AccessPath writePath) {}

  /** The restore of one volume: its result, or why it failed. */
  public record VolumeResult(
      String volume, StoredSnapshot snapshot, RestoreSnapshot.Result result, Failure failure) {
    public boolean ok() {
      return failure == null;
    }
  }

  /** The newest snapshot of each volume to restore; refuses names that two hosts share. */
  public List<StoredSnapshot> plan(SnapshotFilter filter) throws IOException {
    List<StoredSnapshot> latest = LatestSnapshots.perVolume(repo.snapshots(), filter);
    if (latest.isEmpty()) {
      throw new SnapshotNotFoundException(
          "no snapshot of a volume" + filter.describe() + " in the repository");
    }
    refuseSharedNames(latest);
    return latest;
  }

  public List<VolumeResult> run(Request request) throws IOException {
    List<VolumeResult> results = new ArrayList<>();
    for (StoredSnapshot snap : plan(request.filter())) {
      String volume = snap.snapshot().source().name();
      try {
        results.add(new VolumeResult(volume, snap, restore.run(request(snap, request)), null));
      } catch (IOException | RuntimeException e) {
        results.add(new VolumeResult(volume, snap, null, Failure.of(e)));
      }
    }
    return results;
  }

  /** What run(request) would do, volume by volume, creating and writing nothing. */
  public List<RestoreSnapshot.DryRun> dryRun(Request request) throws IOException {
    List<RestoreSnapshot.DryRun> plans = new ArrayList<>();
    for (StoredSnapshot snap : plan(request.filter())) {
      plans.add(restore.dryRun(request(snap, request)));
    }
    return plans;
  }

  private static RestoreSnapshot.Request request(StoredSnapshot snap, Request request) {
    return new RestoreSnapshot.Request(
        snap.id().hex(),
        SnapshotFilter.ALL,
        null,
        request.overwrite(),
        List.of(),
        request.writePath(),
        Map.of(),
        false);
  }

  private static void refuseSharedNames(List<StoredSnapshot> latest) {
    Map<String, TreeSet<String>> hostsByName = new LinkedHashMap<>();
    for (StoredSnapshot s : latest) {
      hostsByName
          .computeIfAbsent(s.snapshot().source().name(), n -> new TreeSet<>())
          .add(LatestSnapshots.dockerHostOf(s));
    }
    List<String> shared = new ArrayList<>();
    hostsByName.forEach(
        (name, hosts) -> {
          if (hosts.size() > 1) {
            shared.add(name + " (from " + String.join(", ", hosts) + ")");
          }
        });
    if (!shared.isEmpty()) {
      throw new UsageException(
          "volumes of the same name were backed up from more than one Docker host: "
              + String.join("; ", shared)
              + "; choose the host to restore with --docker-host (its address or engine ID),"
              + " or restore them one by one with --to");
    }
  }
}

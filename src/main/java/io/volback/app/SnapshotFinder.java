package io.volback.app;

import io.volback.repo.Repository;
import io.volback.repo.SnapshotSelector;
import io.volback.repo.StoredSnapshot;
import java.io.IOException;
import java.util.List;

/** SnapshotFinder lists snapshots and resolves the user's snapshot references. */
public final class SnapshotFinder {
  private SnapshotFinder() {}

  /** Snapshots, oldest first, of volume (all when null). */
  public static List<StoredSnapshot> list(Repository repo, String volume) throws IOException {
    List<StoredSnapshot> all = repo.snapshots();
    return volume == null ? all
        : all.stream().filter(s -> volume.equals(s.snapshot().source().name())).toList();
  }

  /** Resolves ref: an id, a unique id prefix, or "latest" (of volume when given). */
  public static StoredSnapshot find(Repository repo, String ref, String volume) throws IOException {
    return SnapshotSelector.select(repo.snapshots(), ref, volume);
  }
}

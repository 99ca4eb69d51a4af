package io.volback.app;

import io.volback.repo.CorruptObjectException;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.SnapshotList;
import io.volback.repo.snapshot.SnapshotSelector;
import io.volback.repo.snapshot.StoredSnapshot;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapshotFinder lists snapshots and resolves the user's snapshot references. A damaged snapshot
 * object is left out of lists; a reference that names it fails, naming the object.
 */
public final class SnapshotFinder {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotFinder.class);

  private SnapshotFinder() {}

  /** Readable snapshots, oldest first, of volume (all when null); damaged ones logged, left out. */
  public static List<StoredSnapshot> list(Repository repo, String volume) throws IOException {
    return ofVolume(repo.snapshots(), volume);
  }

  /**
   * Readable snapshots, oldest first, of volume (all when null), and every damaged snapshot object
   * (which volume a damaged one belongs to cannot be told).
   */
  public static SnapshotList listing(Repository repo, String volume) throws IOException {
    SnapshotList all = repo.snapshotList();
    return new SnapshotList(ofVolume(all.snapshots(), volume), all.damaged());
  }

  /** Resolves ref: an id, a unique id prefix, or "latest" (of volume when given). */
  public static StoredSnapshot find(Repository repo, String ref, String volume) throws IOException {
    SnapshotList all = repo.snapshotList();
    if ("latest".equals(ref)) {
      for (SnapshotList.Damaged d : all.damaged()) {
        LOG.warn("'latest' is the newest readable snapshot; skipped damaged {}", d.problem());
      }
      return SnapshotSelector.select(all.snapshots(), ref, volume);
    }
    String prefix = ref == null ? "" : ref.toLowerCase();
    List<SnapshotList.Damaged> damaged = prefix.isEmpty() ? List.of() : all.damaged().stream()
        .filter(d -> d.name().startsWith(prefix)).toList();
    if (damaged.size() == 1 && all.snapshots().stream()
        .noneMatch(s -> s.id().hex().startsWith(prefix))) {
      throw new CorruptObjectException("snapshot " + ref + " cannot be read: "
          + damaged.get(0).problem());
    }
    if (!damaged.isEmpty() && prefix.matches("[0-9a-f]+")) {
      long readable = all.snapshots().stream().filter(s -> s.id().hex().startsWith(prefix)).count();
      throw new CorruptObjectException("snapshot id prefix " + ref + " is ambiguous: it matches "
          + (readable + damaged.size()) + " snapshots, " + damaged.size() + " of them damaged ("
          + damaged.get(0).key() + "); give more digits");
    }
    return SnapshotSelector.select(all.snapshots(), ref, volume);
  }

  private static List<StoredSnapshot> ofVolume(List<StoredSnapshot> all, String volume) {
    return volume == null ? all
        : all.stream().filter(s -> volume.equals(s.snapshot().source().name())).toList();
  }
}

package io.volback.repo.snapshot;

import java.util.List;

/** SnapshotList is every readable snapshot, oldest first, and the snapshot objects that are not. */
public record SnapshotList(List<StoredSnapshot> snapshots, List<Damaged> damaged) {

  /**
   * The readable snapshots filter matches, and every damaged snapshot object (which source a
   * damaged one belongs to cannot be told).
   */
  public SnapshotList matching(SnapshotFilter filter) {
    return filter.isEmpty()
        ? this
        : new SnapshotList(
            snapshots.stream().filter(s -> filter.matches(s.snapshot())).toList(), damaged);
  }

  /** Damaged is a snapshot object that could not be read: its key, and a problem naming it. */
  public record Damaged(String key, String problem) {
    /** The object's name after "snapshots/": the snapshot id when the object is not misnamed. */
    public String name() {
      return key.substring(key.lastIndexOf('/') + 1);
    }
  }
}

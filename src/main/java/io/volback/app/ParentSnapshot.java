package io.volback.app;

import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ParentSnapshot finds the snapshot a backup compares its files against: the newest snapshot of the
 * same source, that is of the same kind and name, taken on the same Docker host (none for a
 * directory).
 */
final class ParentSnapshot {
  private ParentSnapshot() {}

  /** The newest of snapshots (oldest first) whose source is kind, name and dockerHost. */
  static Optional<StoredSnapshot> newest(
      List<StoredSnapshot> snapshots, String kind, String name, String dockerHost) {
    for (int i = snapshots.size() - 1; i >= 0; i--) {
      SourceInfo source = snapshots.get(i).snapshot().source();
      if (kind.equals(source.kind())
          && name.equals(source.name())
          && Objects.equals(dockerHost, source.dockerHost())) {
        return Optional.of(snapshots.get(i));
      }
    }
    return Optional.empty();
  }
}

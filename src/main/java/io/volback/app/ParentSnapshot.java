package io.volback.app;

import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * ParentSnapshot finds the snapshot a backup compares its files against: the newest snapshot of the
 * same source. A volume's is of the same name on the same Docker engine (by engine ID when both
 * snapshots recorded one, else by address); a directory's is of the same name made on the same
 * machine.
 */
final class ParentSnapshot {
  private ParentSnapshot() {}

  /** The newest of snapshots (oldest first) of volume name on the engine address / engineId. */
  static Optional<StoredSnapshot> ofVolume(
      List<StoredSnapshot> snapshots, String name, String address, String engineId) {
    return newest(
        snapshots,
        s -> {
          SourceInfo source = s.snapshot().source();
          boolean sameEngine =
              engineId != null && source.dockerEngineId() != null
                  ? engineId.equals(source.dockerEngineId())
                  : address.equals(source.dockerHost());
          return SourceInfo.VOLUME.equals(source.kind())
              && name.equals(source.name())
              && sameEngine;
        });
  }

  /** The newest of snapshots (oldest first) of directory source name made on hostname. */
  static Optional<StoredSnapshot> ofDirectory(
      List<StoredSnapshot> snapshots, String name, String hostname) {
    return newest(
        snapshots,
        s ->
            s.snapshot().source().isDirectory()
                && name.equals(s.snapshot().source().name())
                && hostname.equals(s.snapshot().hostname()));
  }

  private static Optional<StoredSnapshot> newest(
      List<StoredSnapshot> snapshots, Predicate<StoredSnapshot> sameSource) {
    for (int i = snapshots.size() - 1; i >= 0; i--) {
      if (sameSource.test(snapshots.get(i))) {
        return Optional.of(snapshots.get(i));
      }
    }
    return Optional.empty();
  }
}

package io.volback.repo.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LatestSnapshots picks the newest snapshot of every volume: what a whole host's restore or a drill
 * of every volume starts from. A volume is told apart by its name and the Docker engine it was
 * backed up from (engine ID, else address), so that two hosts' volumes of the same name stay two.
 * Snapshots of directories are left out.
 */
public final class LatestSnapshots {
  private static final Comparator<StoredSnapshot> ORDER =
      Comparator.comparing((StoredSnapshot s) -> s.snapshot().time())
          .thenComparing(StoredSnapshot::id);

  private LatestSnapshots() {}

  /** The newest matching snapshot of each volume, ordered by volume name, then Docker host. */
  public static List<StoredSnapshot> perVolume(List<StoredSnapshot> all, SnapshotFilter filter) {
    Map<String, StoredSnapshot> newest = new LinkedHashMap<>();
    for (StoredSnapshot s : all) {
      SourceInfo source = s.snapshot().source();
      if (!SourceInfo.VOLUME.equals(source.kind()) || !filter.matches(s.snapshot())) {
        continue;
      }
      newest.merge(key(source), s, LatestSnapshots::newer);
    }
    List<StoredSnapshot> out = new ArrayList<>(newest.values());
    out.sort(
        Comparator.comparing((StoredSnapshot s) -> s.snapshot().source().name())
            .thenComparing(s -> String.valueOf(s.snapshot().source().dockerHost())));
    return out;
  }

  /**
   * The n newest snapshots of each source, oldest first as listings show them: volumes grouped as
   * perVolume groups them, directories by name and the machine that made them.
   */
  public static List<StoredSnapshot> newest(List<StoredSnapshot> all, int n) {
    Map<String, List<StoredSnapshot>> bySource = new LinkedHashMap<>();
    for (StoredSnapshot s : all) {
      SourceInfo source = s.snapshot().source();
      String key =
          SourceInfo.VOLUME.equals(source.kind())
              ? key(source)
              : source.name() + "\u0000dir\u0000" + s.snapshot().hostname();
      bySource.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    List<StoredSnapshot> out = new ArrayList<>();
    for (List<StoredSnapshot> group : bySource.values()) {
      group.sort(ORDER);
      out.addAll(group.subList(Math.max(0, group.size() - n), group.size()));
    }
    out.sort(ORDER);
    return out;
  }

  /** The Docker host a snapshot's volume lives on, as a message names it. */
  public static String dockerHostOf(StoredSnapshot s) {
    SourceInfo source = s.snapshot().source();
    return source.dockerHost() != null ? source.dockerHost() : "an unknown Docker host";
  }

  private static String key(SourceInfo source) {
    String engine = source.dockerEngineId() != null ? source.dockerEngineId() : source.dockerHost();
    return source.name() + "\u0000" + engine;
  }

  private static StoredSnapshot newer(StoredSnapshot a, StoredSnapshot b) {
    return ORDER.compare(a, b) >= 0 ? a : b;
  }
}

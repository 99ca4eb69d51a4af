package io.volback.maintenance;

import io.volback.repo.snapshot.Snapshot;
import io.volback.repo.snapshot.StoredSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** SnapshotGroups splits snapshots into retention groups by the fields GroupBy names. */
public final class SnapshotGroups {
  private SnapshotGroups() {}

  /**
   * Key is what a group's snapshots share: the fields GroupBy does not name are null (tags, when
   * named, sorted).
   */
  public record Key(String hostname, String volume, List<String> tags) {
    static final Comparator<Key> ORDER =
        Comparator.comparing(Key::hostname, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Key::volume, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(k -> k.tags() == null ? "" : String.join(",", k.tags()));

    public Key {
      tags = tags == null ? null : List.copyOf(tags);
    }

    /** How the group reads in text: "hostname vm1, volume www, tags [a, b]". */
    public String describe() {
      List<String> parts = new ArrayList<>();
      if (hostname != null) {
        parts.add("hostname " + hostname);
      }
      if (volume != null) {
        parts.add("volume " + volume);
      }
      if (tags != null) {
        parts.add("tags " + tags);
      }
      return parts.isEmpty() ? "all snapshots" : String.join(", ", parts);
    }
  }

  /** The groups in key order, each group's snapshots in the order given. */
  public static Map<Key, List<StoredSnapshot>> of(List<StoredSnapshot> snapshots, GroupBy by) {
    Map<Key, List<StoredSnapshot>> groups = new TreeMap<>(Key.ORDER);
    for (StoredSnapshot s : snapshots) {
      groups.computeIfAbsent(key(s.snapshot(), by), k -> new ArrayList<>()).add(s);
    }
    return groups;
  }

  static Key key(Snapshot s, GroupBy by) {
    return new Key(
        by.hostname() ? s.hostname() : null,
        by.volume() ? s.source().name() : null,
        by.tags() ? s.tags().stream().sorted().toList() : null);
  }
}

package io.volback.repo.snapshot;

import io.volback.repo.Id;
import java.time.Instant;
import java.util.List;

/**
 * Snapshot is the content of a snapshots/ object (sealed JSON): when and where it was taken, of
 * what, its tags, the ids of the TREE blobs holding its file tree, its parent, statistics, and the
 * entries the source left out (null in snapshots written before volback recorded them), and for a
 * snapshot made by copy the id of the snapshot it was copied from in the repository it first
 * appeared in (null otherwise).
 */
public record Snapshot(
    int version,
    Instant time,
    String hostname,
    String username,
    SourceInfo source,
    List<String> tags,
    List<String> tree,
    String parent,
    SnapshotStats stats,
    Skipped skipped,
    String original) {

  public Snapshot {
    tags = tags == null ? List.of() : List.copyOf(tags);
    tree = tree == null ? List.of() : List.copyOf(tree);
  }

  /** A snapshot taken here, not copied: no original. */
  public Snapshot(
      int version,
      Instant time,
      String hostname,
      String username,
      SourceInfo source,
      List<String> tags,
      List<String> tree,
      String parent,
      SnapshotStats stats,
      Skipped skipped) {
    this(version, time, hostname, username, source, tags, tree, parent, stats, skipped, null);
  }

  /**
   * This snapshot as copied into another repository: its tree there, its parent there (or null),
   * and original, the id of the snapshot it descends from by copying.
   */
  public Snapshot copiedAs(List<String> newTree, String newParent, String newOriginal) {
    return new Snapshot(
        version,
        time,
        hostname,
        username,
        source,
        tags,
        newTree,
        newParent,
        stats,
        skipped,
        newOriginal);
  }

  /** The id this snapshot was first stored under: its original, or id when it is not a copy. */
  public String originalOr(String id) {
    return original == null ? id : original;
  }

  public List<Id> treeIds() {
    return tree.stream().map(Id::parse).toList();
  }

  /** The entries left out, never null: none for snapshots that did not record them. */
  public Skipped skippedOrNone() {
    return skipped == null ? Skipped.NONE : skipped;
  }

  /**
   * Skipped counts the entries the source could not read (vanished, unreadable, unsupported type)
   * and lists the first of them: a snapshot with count > 0 is incomplete.
   */
  public record Skipped(long count, List<SkippedEntry> entries) {
    public static final Skipped NONE = new Skipped(0, List.of());

    public Skipped {
      entries = entries == null ? List.of() : List.copyOf(entries);
    }
  }

  /** SkippedEntry is one entry left out of the snapshot, by path, and why. */
  public record SkippedEntry(String path, String reason) {}
}

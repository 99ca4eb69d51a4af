package io.volback.repo;

import java.time.Instant;
import java.util.List;

/**
 * Snapshot is the content of a snapshots/ object (sealed JSON): when and where it was taken, of
 * what, its tags, the ids of the TREE blobs holding its file tree, its parent and statistics.
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
    SnapshotStats stats) {

  public Snapshot {
    tags = tags == null ? List.of() : List.copyOf(tags);
    tree = tree == null ? List.of() : List.copyOf(tree);
  }

  public List<Id> treeIds() {
    return tree.stream().map(Id::parse).toList();
  }
}

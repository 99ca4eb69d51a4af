package io.volback.restore;

import io.volback.entry.EntrySink;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.Repository;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.repo.pack.BlobLoader;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SnapshotRestorer streams a snapshot's tree, or the part a PathFilter selects, into an EntrySink.
 * Every blob is verified before its bytes reach the sink. A hard link whose target is filtered out
 * is written as a plain file with the target's content.
 */
public final class SnapshotRestorer {
  private final Repository repo;
  private final RestoreListener listener;

  public SnapshotRestorer(Repository repo, RestoreListener listener) {
    this.repo = repo;
    this.listener = listener;
  }

  public RestoreStats restore(StoredSnapshot snapshot, EntrySink sink, PathFilter filter)
      throws IOException {
    Instant start = Instant.now();
    BlobLoader loader = repo.newBlobLoader();
    try (RepositoryLock lock = repo.lock(LockMode.SHARED);
        FileWriters files = new FileWriters(sink, loader, listener)) {
      Set<String> detachedTargets =
          filter.isAll() ? Set.of() : detachedLinkTargets(snapshot, loader, filter);
      Map<String, TreeNode> detached = new HashMap<>();
      Counts counts = new Counts();
      TreeReader tree = new TreeReader(loader, snapshot.snapshot().treeIds());
      for (TreeNode node = tree.next(); node != null; node = tree.next()) {
        if (detachedTargets.contains(node.entry().path())) {
          detached.put(node.entry().path(), node);
        }
        if (!selected(node, filter)) {
          continue;
        }
        TreeNode source = source(node, detached);
        FileEntry entry = entryOf(node, source);
        if (entry.type() == EntryType.FILE) {
          files.write(entry, source.contentIds());
          counts.files++;
          counts.bytes += entry.size();
        } else {
          if (entry.type() == EntryType.HARDLINK) {
            files.awaitAll();
          }
          sink.write(entry, null);
          if (entry.type() == EntryType.DIRECTORY) {
            counts.dirs++;
          } else {
            counts.others++;
          }
          listener.entryDone(entry);
        }
      }
      files.awaitAll();
      sink.finish();
      return new RestoreStats(
          counts.files,
          counts.dirs,
          counts.others,
          counts.bytes,
          Duration.between(start, Instant.now()).toMillis());
    }
  }

  /**
   * What restore(snapshot, sink, filter) would write, counted from the tree alone: no content is
   * fetched, no lock taken (duration 0).
   */
  public RestoreStats plannedStats(StoredSnapshot snapshot, PathFilter filter) throws IOException {
    BlobLoader loader = repo.newBlobLoader();
    Set<String> detachedTargets =
        filter.isAll() ? Set.of() : detachedLinkTargets(snapshot, loader, filter);
    Map<String, TreeNode> detached = new HashMap<>();
    Counts counts = new Counts();
    TreeReader tree = new TreeReader(loader, snapshot.snapshot().treeIds());
    for (TreeNode node = tree.next(); node != null; node = tree.next()) {
      if (detachedTargets.contains(node.entry().path())) {
        detached.put(node.entry().path(), node);
      }
      if (selected(node, filter)) {
        FileEntry entry = entryOf(node, source(node, detached));
        switch (entry.type()) {
          case FILE -> {
            counts.files++;
            counts.bytes += entry.size();
          }
          case DIRECTORY -> counts.dirs++;
          default -> counts.others++;
        }
      }
    }
    return new RestoreStats(counts.files, counts.dirs, counts.others, counts.bytes, 0);
  }

  /** Whether the filter restores node: an included path, or a directory above an include. */
  private static boolean selected(TreeNode node, PathFilter filter) {
    return filter.includes(node.entry().path())
        || (node.entry().type() == EntryType.DIRECTORY
            && filter.isAncestorOfInclude(node.entry().path()));
  }

  /** The node whose content node restores: a detached hard link's target, else node itself. */
  private static TreeNode source(TreeNode node, Map<String, TreeNode> detached) {
    if (node.entry().type() == EntryType.HARDLINK
        && detached.containsKey(node.entry().linkTarget())) {
      return detached.get(node.entry().linkTarget());
    }
    return node;
  }

  /** The entry written at node's path: source's, when it is a detached hard link's target. */
  private static FileEntry entryOf(TreeNode node, TreeNode source) {
    return source == node
        ? node.entry()
        : source.entry().toBuilder().path(node.entry().path()).build();
  }

  /**
   * The filter's include paths that match nothing in the snapshot, found in one streaming pass over
   * its tree (stopping once every include has matched), so that a restore can refuse them before it
   * creates or touches anything.
   */
  public List<String> unmatchedIncludes(StoredSnapshot snapshot, PathFilter filter)
      throws IOException {
    if (filter.isAll()) {
      return List.of();
    }
    Set<String> unmatched = new LinkedHashSet<>(filter.includePaths());
    TreeReader tree = new TreeReader(repo.newBlobLoader(), snapshot.snapshot().treeIds());
    for (TreeNode node = tree.next(); node != null && !unmatched.isEmpty(); node = tree.next()) {
      String path = node.entry().path();
      unmatched.removeIf(inc -> path.equals(inc) || path.startsWith(inc + "/"));
    }
    return List.copyOf(unmatched);
  }

  /** Targets of included hard links that the filter leaves out. */
  private static Set<String> detachedLinkTargets(
      StoredSnapshot snapshot, BlobLoader loader, PathFilter filter) throws IOException {
    Set<String> targets = new HashSet<>();
    TreeReader tree = new TreeReader(loader, snapshot.snapshot().treeIds());
    for (TreeNode node = tree.next(); node != null; node = tree.next()) {
      if (node.entry().type() == EntryType.HARDLINK
          && filter.includes(node.entry().path())
          && !filter.includes(node.entry().linkTarget())) {
        targets.add(node.entry().linkTarget());
      }
    }
    return targets;
  }

  /** Streams the entries of a snapshot's tree to visitor, e.g. for listing. */
  public void forEachEntry(StoredSnapshot snapshot, EntryConsumer visitor) throws IOException {
    TreeReader tree = new TreeReader(repo.newBlobLoader(), snapshot.snapshot().treeIds());
    for (TreeNode node = tree.next(); node != null; node = tree.next()) {
      visitor.accept(node.entry());
    }
  }

  /** Counts tallies the entries of one restore by kind. */
  private static final class Counts {
    long files;
    long dirs;
    long others;
    long bytes;
  }

  /** EntryConsumer receives tree entries. */
  @FunctionalInterface
  public interface EntryConsumer {
    void accept(FileEntry entry) throws IOException;
  }
}

package io.volback.app;

import io.volback.entry.FileEntry;
import io.volback.entry.PathComponents;
import io.volback.repo.Id;
import io.volback.repo.Repository;
import io.volback.repo.index.Index;
import io.volback.repo.pack.BlobLoader;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * DiffSnapshots compares two snapshots as restic's diff does. Both trees are stored in path order
 * (PathComponents.ORDER), so one pass over both in lockstep finds every change with memory bounded
 * by one tree blob of each and the blob ids of one file.
 */
public final class DiffSnapshots {
  /** Modifier is restic's change letter. */
  public enum Modifier {
    ADDED("+"),
    REMOVED("-"),
    MODIFIED("M"),
    METADATA("U"),
    TYPE("T");

    private final String symbol;

    Modifier(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** Change is one path that differs; entry is the newer entry (the old one when removed). */
  public record Change(String path, Modifier modifier, FileEntry entry) {}

  /** Side counts what one side has that the other lacks: entries by kind and content bytes. */
  public static final class Side {
    long files;
    long dirs;
    long others;
    long bytes;

    public long files() {
      return files;
    }

    public long dirs() {
      return dirs;
    }

    public long others() {
      return others;
    }

    /** Plaintext bytes of content blobs this side's version of a path has and the other's lacks. */
    public long bytes() {
      return bytes;
    }

    void count(FileEntry e) {
      switch (e.type()) {
        case FILE -> files++;
        case DIRECTORY -> dirs++;
        default -> others++;
      }
    }
  }

  /** Summary of a diff: what was added and removed, and how many files changed content. */
  public record Summary(Side added, Side removed, long changedFiles, long metadataChanges) {}

  private final Repository repo;

  public DiffSnapshots(Repository repo) {
    this.repo = repo;
  }

  /** Hands each change to consumer in path order and returns the totals. */
  public Summary run(StoredSnapshot from, StoredSnapshot to, Consumer<Change> consumer)
      throws IOException {
    Index index = repo.index();
    BlobLoader loader = repo.newBlobLoader(index);
    TreeReader left = new TreeReader(loader, from.snapshot().treeIds());
    TreeReader right = new TreeReader(loader, to.snapshot().treeIds());
    Side added = new Side();
    Side removed = new Side();
    long changed = 0;
    long metadata = 0;
    TreeNode a = left.next();
    TreeNode b = right.next();
    while (a != null || b != null) {
      int order =
          a == null
              ? 1
              : b == null ? -1 : PathComponents.ORDER.compare(a.entry().path(), b.entry().path());
      if (order < 0) {
        removed.count(a.entry());
        removed.bytes += bytes(index, a.contentIds(), Set.of());
        consumer.accept(new Change(a.entry().path(), Modifier.REMOVED, a.entry()));
        a = left.next();
      } else if (order > 0) {
        added.count(b.entry());
        added.bytes += bytes(index, b.contentIds(), Set.of());
        consumer.accept(new Change(b.entry().path(), Modifier.ADDED, b.entry()));
        b = right.next();
      } else {
        Modifier m = compare(a, b);
        if (m != null) {
          if (m == Modifier.METADATA) {
            metadata++;
          } else {
            if (m == Modifier.MODIFIED) {
              changed++;
            }
            removed.bytes += bytes(index, a.contentIds(), new HashSet<>(b.contentIds()));
            added.bytes += bytes(index, b.contentIds(), new HashSet<>(a.contentIds()));
          }
          consumer.accept(new Change(b.entry().path(), m, b.entry()));
        }
        a = left.next();
        b = right.next();
      }
    }
    return new Summary(added, removed, changed, metadata);
  }

  /** The change between two entries of one path, or null when they are the same. */
  static Modifier compare(TreeNode a, TreeNode b) {
    FileEntry x = a.entry();
    FileEntry y = b.entry();
    if (x.type() != y.type()) {
      return Modifier.TYPE;
    }
    if (!a.contentIds().equals(b.contentIds())) {
      return Modifier.MODIFIED;
    }
    boolean same =
        x.mode() == y.mode()
            && x.uid() == y.uid()
            && x.gid() == y.gid()
            && x.mtime().equals(y.mtime())
            && x.size() == y.size()
            && Objects.equals(x.linkTarget(), y.linkTarget())
            && x.deviceMajor() == y.deviceMajor()
            && x.deviceMinor() == y.deviceMinor()
            && x.xattrs().equals(y.xattrs());
    return same ? null : Modifier.METADATA;
  }

  private static long bytes(Index index, List<Id> ids, Set<Id> except) {
    long total = 0;
    Set<Id> counted = new HashSet<>();
    for (Id id : ids) {
      if (!except.contains(id) && counted.add(id)) {
        total += index.lookup(id).map(e -> (long) e.rawLength()).orElse(0L);
      }
    }
    return total;
  }
}

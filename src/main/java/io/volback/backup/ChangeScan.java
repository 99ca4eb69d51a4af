package io.volback.backup;

import io.volback.entry.EntrySource;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.entry.PathComponents;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.function.Consumer;

/**
 * ChangeScan is a backup's dry run: it walks a source's metadata against the parent snapshot's tree
 * and counts what a backup would read, by ParentMatcher's rule, without opening a file's content
 * and without writing (or locking) anything in the repository. Both trees come in
 * PathComponents.ORDER, so it is one forward merge, as in a backup.
 */
public final class ChangeScan {
  /** Change is what happened to a path since the parent snapshot. */
  public enum Change {
    NEW,
    MODIFIED,
    REMOVED
  }

  /** ChangeListener hears of each path that is new, modified or removed. */
  @FunctionalInterface
  public interface ChangeListener {
    void changed(Change change, String path);
  }

  private final Repository repo;
  private final boolean rereadAll;
  private final Consumer<String> warnings;

  /** With rereadAll (backup --force), dataToRead counts every file, as such a backup reads all. */
  public ChangeScan(Repository repo, boolean rereadAll, Consumer<String> warnings) {
    this.repo = repo;
    this.rereadAll = rereadAll;
    this.warnings = warnings;
  }

  /** Scans source against parent (null: none, every file is new). */
  public Changes scan(EntrySource source, StoredSnapshot parent, ChangeListener listener)
      throws IOException {
    Merge merge = new Merge(parentTree(parent), listener);
    source.forEach((entry, content) -> merge.visit(entry));
    merge.finish();
    return merge.changes();
  }

  private ParentTree parentTree(StoredSnapshot parent) throws IOException {
    if (parent == null) {
      return new ParentTree(null, "");
    }
    String name = "parent snapshot " + parent.id().shortHex();
    try {
      return new ParentTree(
          new TreeReader(repo.newBlobLoader(), parent.snapshot().treeIds()), name);
    } catch (IllegalArgumentException e) {
      warnings.accept(name + ": its tree ids are not valid; every file counts as new");
      return new ParentTree(null, name);
    }
  }

  /** ParentTree reads the parent's nodes; a tree that cannot be read ends early with a warning. */
  private final class ParentTree {
    private final TreeReader reader;
    private final String name;
    private boolean broken;

    ParentTree(TreeReader reader, String name) {
      this.reader = reader;
      this.name = name;
    }

    TreeNode next() throws InterruptedIOException {
      if (reader == null || broken) {
        return null;
      }
      try {
        return reader.next();
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        broken = true;
        warnings.accept(
            name
                + ": its tree cannot be read ("
                + (e.getMessage() == null ? e.toString() : e.getMessage())
                + "); the remaining files count as new");
        return null;
      }
    }
  }

  /** Merge walks the source's entries and the parent's nodes side by side. */
  private final class Merge {
    private final ParentTree parent;
    private final ChangeListener listener;
    private TreeNode current;
    private long filesNew;
    private long filesChanged;
    private long filesUnmodified;
    private long filesRemoved;
    private long bytesNew;
    private long bytesChanged;
    private long bytesUnmodified;

    Merge(ParentTree parent, ChangeListener listener) throws InterruptedIOException {
      this.parent = parent;
      this.listener = listener;
      this.current = parent.next();
    }

    void visit(FileEntry entry) throws IOException {
      while (current != null
          && PathComponents.ORDER.compare(current.entry().path(), entry.path()) < 0) {
        removed(current);
        current = parent.next();
      }
      TreeNode old = null;
      if (current != null && current.entry().path().equals(entry.path())) {
        old = current;
        current = parent.next();
      }
      if (entry.type() != EntryType.FILE) {
        if (old != null) {
          removed(old);
        }
        return;
      }
      if (old == null || old.entry().type() != EntryType.FILE) {
        filesNew++;
        bytesNew += entry.size();
        listener.changed(Change.NEW, entry.path());
      } else if (ParentMatcher.reusable(old, entry, repo.index())) {
        filesUnmodified++;
        bytesUnmodified += entry.size();
      } else {
        filesChanged++;
        bytesChanged += entry.size();
        listener.changed(Change.MODIFIED, entry.path());
      }
    }

    void finish() throws InterruptedIOException {
      for (; current != null; current = parent.next()) {
        removed(current);
      }
    }

    private void removed(TreeNode node) {
      if (node.entry().type() == EntryType.FILE) {
        filesRemoved++;
        listener.changed(Change.REMOVED, node.entry().path());
      }
    }

    Changes changes() {
      long read = bytesNew + bytesChanged + (rereadAll ? bytesUnmodified : 0);
      return new Changes(
          filesNew, filesChanged, filesUnmodified, filesRemoved, bytesNew, bytesChanged, read);
    }
  }
}

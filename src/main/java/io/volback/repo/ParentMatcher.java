package io.volback.repo;

import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * ParentMatcher finds, for a file met during a backup, the same unchanged file in the parent
 * snapshot, so its content need not be read again. Both trees come in PathOrder, so one forward pass
 * over the parent tree suffices (bounded memory). A file is unchanged when size, mtime, ctime and
 * inode are equal and all its blobs are still indexed; files without inode/ctime never match.
 */
final class ParentMatcher {
  private final TreeReader parent;
  private final Index index;
  private TreeNode current;
  private boolean started;

  ParentMatcher(TreeReader parent, Index index) {
    this.parent = parent;
    this.index = index;
  }

  /** The parent's content ids for entry, or null when it must be read. */
  List<Id> unchangedContent(FileEntry entry) throws IOException {
    if (entry.type() != EntryType.FILE || entry.inode() == null || entry.ctime() == null) {
      return null;
    }
    if (!started) {
      current = parent.next();
      started = true;
    }
    while (current != null && PathOrder.INSTANCE.compare(current.path(), entry.path()) < 0) {
      current = parent.next();
    }
    if (current == null || !current.path().equals(entry.path()) || !sameFile(current, entry)) {
      return null;
    }
    List<Id> ids = current.contentIds();
    for (Id id : ids) {
      if (!index.has(id)) {
        return null;
      }
    }
    return ids;
  }

  private static boolean sameFile(TreeNode old, FileEntry e) {
    return old.type() == EntryType.FILE
        && old.size() == e.size()
        && Objects.equals(old.mtime(), e.mtime())
        && Objects.equals(old.ctime(), e.ctime())
        && Objects.equals(old.inode(), e.inode());
  }
}

package io.volback.backup;

import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.entry.PathComponents;
import io.volback.repo.Id;
import io.volback.repo.index.Index;
import io.volback.repo.pack.BlobLoader;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * ParentMatcher finds, for a file met during a backup, the same unchanged file in the parent
 * snapshot, so its content need not be read again. Both trees come in PathComponents.ORDER, so one
 * forward pass over the parent tree suffices (bounded memory). A file is unchanged when size,
 * mtime, ctime and inode are equal and all its blobs are still indexed; files without inode/ctime
 * never match.
 *
 * <p>A parent tree that cannot be read (a damaged or unindexed tree blob) only costs speed: the
 * matcher warns once and from then on matches nothing, so every later file is read in full.
 */
final class ParentMatcher {
  private final TreeReader parent;
  private final Index index;
  private final String parentName;
  private final Consumer<String> warnings;
  private TreeNode current;
  private boolean started;
  private boolean broken;

  ParentMatcher(TreeReader parent, Index index, String parentName, Consumer<String> warnings) {
    this.parent = parent;
    this.index = index;
    this.parentName = parentName;
    this.warnings = warnings;
  }

  /** A matcher over parent's tree; warnings hears of a tree that cannot be read. */
  static ParentMatcher of(
      StoredSnapshot parent, BlobLoader loader, Index index, Consumer<String> warnings) {
    String name = "parent snapshot " + parent.id().shortHex();
    List<Id> tree;
    try {
      tree = parent.snapshot().treeIds();
    } catch (IllegalArgumentException e) {
      tree = null;
    }
    ParentMatcher matcher =
        new ParentMatcher(
            new TreeReader(loader, tree == null ? List.of() : tree), index, name, warnings);
    if (tree == null) {
      matcher.giveUp("its tree ids are not valid");
    }
    return matcher;
  }

  /**
   * Whether the parent holds a regular file at entry's path; call after unchangedContent(entry),
   * which walks the parent tree up to it.
   */
  boolean inParent(FileEntry entry) {
    return current != null
        && current.entry().type() == EntryType.FILE
        && current.entry().path().equals(entry.path());
  }

  /** The parent's content ids for entry, or null when it must be read. */
  List<Id> unchangedContent(FileEntry entry) throws IOException {
    return unchangedContent(entry, false);
  }

  /**
   * Like unchangedContent(entry); with vouched, the source found entry unchanged by its own means
   * (an API stat: no inode or ctime) and entry is then reused when it equals the parent's entry.
   */
  List<Id> unchangedContent(FileEntry entry, boolean vouched) throws IOException {
    if (broken || entry.type() != EntryType.FILE) {
      return null;
    }
    if (!started) {
      current = next();
      started = true;
    }
    while (current != null
        && PathComponents.ORDER.compare(current.entry().path(), entry.path()) < 0) {
      current = next();
    }
    if (!inParent(entry)
        || !(vouched ? vouchedReusable(current, entry, index) : reusable(current, entry, index))) {
      return null;
    }
    return current.contentIds();
  }

  /**
   * The rule: old (the parent's node at entry's path) holds entry's content when size, mtime, ctime
   * and inode are equal and all its blobs are still indexed. Backups and dry runs both ask it.
   */
  static boolean reusable(TreeNode old, FileEntry entry, Index index) {
    if (entry.type() != EntryType.FILE
        || entry.inode() == null
        || entry.ctime() == null
        || !sameFile(old.entry(), entry)) {
      return false;
    }
    return indexed(old, index);
  }

  /**
   * The rule for an entry its source vouches for (see unchangedContent(entry, true)): the parent's
   * node holds exactly this entry and all its blobs are still indexed.
   */
  static boolean vouchedReusable(TreeNode old, FileEntry entry, Index index) {
    return entry.type() == EntryType.FILE && old.entry().equals(entry) && indexed(old, index);
  }

  private static boolean indexed(TreeNode old, Index index) {
    for (Id id : old.contentIds()) {
      if (!index.has(id)) {
        return false;
      }
    }
    return true;
  }

  private TreeNode next() throws InterruptedIOException {
    try {
      return parent.next();
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      giveUp(e.getMessage() == null ? e.toString() : e.getMessage());
      return null;
    }
  }

  private void giveUp(String why) {
    broken = true;
    current = null;
    warnings.accept(
        parentName
            + ": its tree cannot be read ("
            + why
            + "); reading every remaining file in full");
  }

  private static boolean sameFile(FileEntry old, FileEntry e) {
    return old.type() == EntryType.FILE
        && old.size() == e.size()
        && Objects.equals(old.mtime(), e.mtime())
        && Objects.equals(old.ctime(), e.ctime())
        && Objects.equals(old.inode(), e.inode());
  }
}

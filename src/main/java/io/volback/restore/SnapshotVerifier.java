package io.volback.restore;

import io.volback.entry.ContentOpener;
import io.volback.entry.EntrySource;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.entry.PathComponents;
import io.volback.repo.Id;
import io.volback.repo.Repository;
import io.volback.repo.drill.DrillRecord.Mismatch;
import io.volback.repo.index.Index;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.pack.BlobCodec;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SnapshotVerifier compares a tree read back from where a snapshot was restored with the snapshot's
 * own tree: every entry's metadata and every byte of content. Both trees come depth-first with
 * names in byte order, so they are merged like two sorted lists: memory stays bounded by the depth
 * of the tree and the largest blob, never by the number of files.
 *
 * <p>Content is hashed in segments of each content blob's plaintext length and compared with the
 * blob ids the snapshot records, so nothing is downloaded from the repository for it. A Tolerance
 * leaves out what the read-back path cannot carry.
 */
public final class SnapshotVerifier {
  /** How many mismatches a result keeps; the count goes on. */
  public static final int KEPT_MISMATCHES = 100;

  private final Repository repo;

  public SnapshotVerifier(Repository repo) {
    this.repo = repo;
  }

  /**
   * What the read-back cannot carry: with wholeSecondMtimes, mtimes are compared in whole seconds;
   * with withoutUserXattrs, user.* extended attributes are not compared.
   */
  public record Tolerance(boolean wholeSecondMtimes, boolean withoutUserXattrs) {
    public static final Tolerance EXACT = new Tolerance(false, false);

    /** Docker's archive endpoint: whole-second mtimes, and user.* xattrs dropped. */
    public static final Tolerance DOCKER_ARCHIVE = new Tolerance(true, true);

    /** The fields left out, as DrillRecord.notCompared lists them. */
    public List<String> notCompared() {
      List<String> out = new ArrayList<>();
      if (wholeSecondMtimes) {
        out.add("mtime below whole seconds");
      }
      if (withoutUserXattrs) {
        out.add("user.* xattrs");
      }
      return out;
    }
  }

  /** Result: files and bytes whose content was compared, and the mismatches (the first kept). */
  public record Result(
      long filesVerified, long bytesVerified, long mismatchCount, List<Mismatch> mismatches) {
    public boolean passed() {
      return mismatchCount == 0;
    }
  }

  public Result verify(StoredSnapshot snapshot, EntrySource readBack, Tolerance tolerance)
      throws IOException {
    Join join =
        new Join(
            new TreeReader(repo.newBlobLoader(), snapshot.snapshot().treeIds()),
            repo.index(),
            repo.codec(),
            tolerance);
    readBack.forEach(join::visit);
    join.finish();
    return new Result(join.files, join.bytes, join.mismatches.count, join.mismatches.kept);
  }

  /** Mismatches keeps the first KEPT_MISMATCHES and counts them all. */
  static final class Mismatches {
    final List<Mismatch> kept = new ArrayList<>();
    long count;

    void add(String path, String problem) {
      count++;
      if (kept.size() < KEPT_MISMATCHES) {
        kept.add(new Mismatch(path, problem));
      }
    }
  }

  /** Join merges the read-back entries (pushed to visit) with the snapshot's nodes (pulled). */
  private static final class Join {
    private final TreeReader tree;
    private final Index index;
    private final BlobCodec codec;
    private final Tolerance tolerance;
    private final Mismatches mismatches = new Mismatches();
    private TreeNode pending;
    private byte[] buffer = new byte[0];
    long files;
    long bytes;

    Join(TreeReader tree, Index index, BlobCodec codec, Tolerance tolerance) throws IOException {
      this.tree = tree;
      this.index = index;
      this.codec = codec;
      this.tolerance = tolerance;
      this.pending = tree.next();
    }

    void visit(FileEntry found, ContentOpener content) throws IOException {
      String path = found.path();
      while (pending != null && PathComponents.ORDER.compare(pending.entry().path(), path) < 0) {
        missing(pending);
        pending = tree.next();
      }
      if (pending == null || !pending.entry().path().equals(path)) {
        mismatches.add(path, "extra " + describe(found.type()) + ": not in the snapshot");
        return;
      }
      TreeNode expected = pending;
      pending = tree.next();
      compare(expected, found, content);
    }

    void finish() throws IOException {
      while (pending != null) {
        missing(pending);
        pending = tree.next();
      }
    }

    private void missing(TreeNode node) {
      mismatches.add(node.entry().path(), "missing " + describe(node.entry().type()));
    }

    private void compare(TreeNode node, FileEntry found, ContentOpener content) throws IOException {
      FileEntry want = node.entry();
      String path = want.path();
      if (want.type() != found.type()) {
        mismatches.add(
            path, "type: expected " + describe(want.type()) + ", found " + describe(found.type()));
        return;
      }
      differs(path, "mode", octal(want.mode()), octal(found.mode()));
      differs(path, "owner", want.uid() + ":" + want.gid(), found.uid() + ":" + found.gid());
      differs(path, "mtime", mtime(want.mtime()), mtime(found.mtime()));
      differs(path, "xattrs", xattrs(want.xattrs()).keySet(), xattrs(found.xattrs()).keySet());
      if (xattrs(want.xattrs()).keySet().equals(xattrs(found.xattrs()).keySet())) {
        for (Map.Entry<String, String> x : xattrs(want.xattrs()).entrySet()) {
          differs(
              path,
              "xattr " + x.getKey(),
              x.getValue(),
              found.xattrs().get(x.getKey()),
              "(base64) ");
        }
      }
      switch (want.type()) {
        case SYMLINK -> differs(path, "symlink target", want.linkTarget(), found.linkTarget());
        case HARDLINK -> differs(path, "hard link target", want.linkTarget(), found.linkTarget());
        case CHAR_DEVICE, BLOCK_DEVICE ->
            differs(
                path,
                "device",
                want.deviceMajor() + "," + want.deviceMinor(),
                found.deviceMajor() + "," + found.deviceMinor());
        case FILE -> file(node, found, content);
        default -> {}
      }
    }

    private void file(TreeNode node, FileEntry found, ContentOpener content) throws IOException {
      String path = found.path();
      if (node.entry().size() != found.size()) {
        mismatches.add(
            path, "size: expected " + node.entry().size() + " bytes, found " + found.size());
        return;
      }
      files++;
      if (content == null) {
        mismatches.add(path, "content: could not be read back");
        return;
      }
      try (InputStream in = content.open()) {
        long offset = 0;
        for (Id id : node.contentIds()) {
          Optional<IndexEntry> blob = index.lookup(id);
          if (blob.isEmpty()) {
            mismatches.add(
                path, "content blob " + id.shortHex() + " is not in the repository index");
            return;
          }
          int length = blob.get().rawLength();
          int read = in.readNBytes(buffer(length), 0, length);
          bytes += read;
          if (read < length || !codec.id(buffer, 0, length).equals(id)) {
            mismatches.add(
                path,
                "content: differs from the snapshot in bytes "
                    + offset
                    + "-"
                    + (offset + length - 1)
                    + " (blob "
                    + id.shortHex()
                    + ")");
            return;
          }
          offset += length;
        }
        if (in.read() >= 0) {
          mismatches.add(path, "content: longer than the snapshot's " + offset + " bytes");
        }
      }
    }

    private byte[] buffer(int length) {
      if (buffer.length < length) {
        buffer = new byte[length];
      }
      return buffer;
    }

    private void differs(String path, String field, Object want, Object found) {
      differs(path, field, want, found, "");
    }

    private void differs(String path, String field, Object want, Object found, String note) {
      if (!Objects.equals(want, found)) {
        mismatches.add(path, field + ": " + note + "expected " + want + ", found " + found);
      }
    }

    private Object mtime(Instant t) {
      return tolerance.wholeSecondMtimes() ? Instant.ofEpochSecond(t.getEpochSecond()) : t;
    }

    private Map<String, String> xattrs(Map<String, String> all) {
      if (!tolerance.withoutUserXattrs()) {
        return all;
      }
      Map<String, String> out = new TreeMap<>(all);
      out.keySet().removeIf(name -> name.startsWith("user."));
      return out;
    }

    private static String octal(int mode) {
      return String.format("%04o", mode);
    }

    private static String describe(EntryType type) {
      return switch (type) {
        case FILE -> "file";
        case DIRECTORY -> "directory";
        case SYMLINK -> "symlink";
        case HARDLINK -> "hard link";
        case FIFO -> "fifo";
        case CHAR_DEVICE -> "character device";
        case BLOCK_DEVICE -> "block device";
      };
    }
  }
}

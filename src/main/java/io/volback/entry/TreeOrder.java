package io.volback.entry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TreeOrder checks that the members of an untrusted archive form a tree a restore can write safely:
 * the root first and a directory, every other path once, each under the directory met just before
 * it or one of its still open ancestors (depth-first), names within a directory in strictly
 * increasing byte order, and a hard link only to a path met before it.
 *
 * <p>That is the order Docker (Go's filepath.WalkDir) and GNU tar --sort=name write. Requiring it
 * makes a duplicate path, a child before its parent, an entry under a symlink or a file, and a
 * directory replaced after its children all detectable from the previous path alone: memory is
 * bounded by the depth of the tree, not the number of entries.
 */
final class TreeOrder {
  private List<byte[]> previous;
  private String previousPath;
  private boolean previousIsDirectory;

  /** Accepts the next entry or throws an IOException naming member, the archive's own name. */
  void check(String path, EntryType type, String member) throws IOException {
    List<byte[]> names = components(path);
    if (previous == null) {
      if (!names.isEmpty()) {
        throw refused(member, "the archive does not start with its root directory");
      }
      if (type != EntryType.DIRECTORY) {
        throw refused(member, "the root of the archive is a " + type + ", not a directory");
      }
    } else {
      checkPlace(names, member);
    }
    previous = names;
    previousPath = path;
    previousIsDirectory = type == EntryType.DIRECTORY;
  }

  /** Checks that a hard link at path (already accepted) points at a path met before it. */
  void checkLinkTarget(String path, String target, String member) throws IOException {
    List<byte[]> link = components(path);
    List<byte[]> to = components(target);
    if (to.isEmpty() || isPrefix(to, link)) {
      throw refused(
          member, "hard link to " + ByteNames.printable(target) + ", a directory it lies in");
    }
    if (compare(to, link) >= 0) {
      throw refused(
          member,
          "hard link to "
              + ByteNames.printable(target)
              + ", which does not come before it in the archive");
    }
  }

  private void checkPlace(List<byte[]> names, String member) throws IOException {
    int n = names.size();
    if (n == 0) {
      throw refused(member, "the root directory appears twice");
    }
    for (int i = 0; i < n - 1; i++) {
      int c = i < previous.size() ? compareUnsigned(names.get(i), previous.get(i)) : 1;
      if (c > 0) {
        throw refused(
            member,
            "its parent directory "
                + parent(names, i + 1)
                + " does not come before it in the archive");
      }
      if (c < 0) {
        throw outOfOrder(member);
      }
    }
    if (previous.size() == n - 1) {
      if (!previousIsDirectory) {
        throw refused(
            member,
            "it lies under " + ByteNames.printable(previousPath) + ", which is not a directory");
      }
      return;
    }
    int c = compareUnsigned(names.get(n - 1), previous.get(n - 1));
    if (c == 0) {
      throw refused(member, "the path " + parent(names, n) + " appears twice");
    }
    if (c < 0) {
      throw outOfOrder(member);
    }
  }

  private IOException outOfOrder(String member) {
    return refused(
        member,
        "it comes after "
            + ByteNames.printable(previousPath)
            + "; members must come depth-first with the names of a directory in byte order, as"
            + " Docker and GNU tar --sort=name write them");
  }

  private static IOException refused(String member, String why) {
    return new IOException(
        "archive member " + ByteNames.printable(member) + ": " + why + "; the archive is refused");
  }

  private static String parent(List<byte[]> names, int count) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) {
      b.append('/').append(ByteNames.printable(ByteNames.decode(names.get(i))));
    }
    return b.length() == 0 ? "/" : b.toString();
  }

  private static boolean isPrefix(List<byte[]> prefix, List<byte[]> path) {
    if (prefix.size() > path.size()) {
      return false;
    }
    for (int i = 0; i < prefix.size(); i++) {
      if (!Arrays.equals(prefix.get(i), path.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Depth-first order: component by component, a parent before its children. */
  private static int compare(List<byte[]> x, List<byte[]> y) {
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      int c = compareUnsigned(x.get(i), y.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  }

  private static int compareUnsigned(byte[] x, byte[] y) {
    return Arrays.compareUnsigned(x, y);
  }

  private static List<byte[]> components(String path) {
    List<byte[]> names = new ArrayList<>();
    for (String c : path.split("/")) {
      if (!c.isEmpty()) {
        names.add(ByteNames.encode(c));
      }
    }
    return names;
  }
}

package io.volback.entry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** SafePaths validates entry paths: no component can name anything but a child of its parent. */
final class SafePaths {
  private SafePaths() {}

  /**
   * The components of an entry path ("/" has none). Rejects "..", "." and empty components and NUL
   * characters, so that a component opened relative to its parent can only name a child of it.
   */
  static List<String> components(String entryPath) throws IOException {
    if (entryPath == null || !entryPath.startsWith("/")) {
      throw new IOException("unsafe entry path (not absolute): " + entryPath);
    }
    List<String> result = new ArrayList<>();
    if (entryPath.equals("/")) {
      return result;
    }
    for (String c : entryPath.substring(1).split("/", -1)) {
      if (c.isEmpty() || c.equals(".") || c.equals("..") || c.indexOf('\0') >= 0) {
        throw new IOException("unsafe entry path: " + entryPath);
      }
      result.add(c);
    }
    return result;
  }

  /** The parent of a non-root entry path: "/a/b" -> "/a", "/a" -> "/". */
  static String parent(String entryPath) {
    int slash = entryPath.lastIndexOf('/');
    return slash <= 0 ? "/" : entryPath.substring(0, slash);
  }
}

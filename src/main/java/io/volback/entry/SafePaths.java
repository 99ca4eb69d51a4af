package io.volback.entry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** SafePaths validates entry paths and maps them under a root without any chance of escaping it. */
final class SafePaths {
  private SafePaths() {}

  /**
   * The components of an entry path ("/" has none). Rejects "..", "." and empty components and
   * NUL characters, so that root.resolve(component) can never leave root lexically.
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

  /** root joined with the validated components of entryPath. */
  static Path resolve(Path root, String entryPath) throws IOException {
    Path p = root;
    for (String c : components(entryPath)) {
      p = p.resolve(c);
    }
    if (!p.normalize().startsWith(root)) {
      throw new IOException("unsafe entry path (escapes root): " + entryPath);
    }
    return p;
  }

  /** The parent of a non-root entry path: "/a/b" -> "/a", "/a" -> "/". */
  static String parent(String entryPath) {
    int slash = entryPath.lastIndexOf('/');
    return slash <= 0 ? "/" : entryPath.substring(0, slash);
  }

  /** Whether path is ancestor or equal to other ("/a" covers "/a" and "/a/b", not "/ab"). */
  static boolean covers(String path, String other) {
    return path.equals("/") || other.equals(path) || other.startsWith(path + "/");
  }
}

package io.volback.entry;

import java.io.IOException;
import java.util.StringJoiner;

/** TarNames converts between tar member names and entry paths. */
final class TarNames {
  private TarNames() {}

  /**
   * "./a", "a/", "/a", "a//b/." all become "/a" or "/a/b"; ".", "./" and "" become "/". A name with
   * a ".." component or a NUL byte is refused: an archive is input, and a path that could leave the
   * volume must never reach a snapshot.
   */
  static String toPath(String name) throws IOException {
    if (name.indexOf('\0') >= 0) {
      throw new IOException(
          "archive member "
              + ByteNames.printable(name.replace('\0', '?'))
              + ": the name holds a NUL byte; the archive is refused");
    }
    StringJoiner path = new StringJoiner("/", "/", "");
    for (String c : name.split("/")) {
      if (c.equals("..")) {
        throw new IOException(
            "archive member "
                + ByteNames.printable(name)
                + ": a \"..\" component could lead out of the volume; the archive is refused");
      }
      if (!c.isEmpty() && !c.equals(".")) {
        path.add(c);
      }
    }
    return path.toString();
  }

  /** The first component of a normalised path: "/data/a" -> "data", "/" -> "". */
  static String first(String path) {
    int slash = path.indexOf('/', 1);
    return slash < 0 ? path.substring(1) : path.substring(1, slash);
  }

  /** Drops the first component of a normalised path: "/data/a" -> "/a", "/data" -> "/". */
  static String stripFirst(String path) {
    int slash = path.indexOf('/', 1);
    return slash < 0 ? "/" : path.substring(slash);
  }

  /**
   * The tar name of an entry path under rootName: ("data", "/") -> "data/", ("data", "/a/b") ->
   * "data/a/b", (".", "/a") -> "./a". Directories get a trailing slash.
   */
  static String toName(String rootName, String path, boolean directory) {
    String name = path.equals("/") ? rootName + "/" : rootName + path;
    return directory && !name.endsWith("/") ? name + "/" : name;
  }
}

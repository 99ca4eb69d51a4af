package io.volback.entry;

import java.util.StringJoiner;

/** TarNames converts between tar member names and entry paths. */
final class TarNames {
  private TarNames() {}

  /**
   * "./a", "a/", "/a", "a//b/." all become "/a" or "/a/b"; ".", "./" and "" become "/". ".." is
   * kept: rejecting it is the sink's job.
   */
  static String toPath(String name) {
    StringJoiner path = new StringJoiner("/", "/", "");
    for (String c : name.split("/")) {
      if (!c.isEmpty() && !c.equals(".")) {
        path.add(c);
      }
    }
    return path.toString();
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

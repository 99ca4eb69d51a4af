package io.volback.repo.tree;

import java.util.List;

/**
 * PathFilter selects part of a tree by include paths: an included path brings its whole subtree,
 * and its ancestor directories come along so the subtree has somewhere to go. No includes: all.
 */
public final class PathFilter {
  public static final PathFilter ALL = new PathFilter(List.of());

  private final List<String> includes;

  private PathFilter(List<String> includes) {
    this.includes = includes;
  }

  /** Normalises "a/b/", "/a/b" and "./a/b" to "/a/b". */
  public static PathFilter including(List<String> paths) {
    return new PathFilter(paths.stream().map(PathFilter::normalise).toList());
  }

  public static String normalise(String path) {
    String p = path.strip();
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.equals("/.") ? "/" : p;
  }

  /** The include paths, normalised; empty for ALL. */
  public List<String> includePaths() {
    return includes;
  }

  public boolean isAll() {
    return includes.isEmpty() || includes.contains("/");
  }

  /** Whether path is included itself or lies under an included path. */
  public boolean includes(String path) {
    if (isAll()) {
      return true;
    }
    for (String inc : includes) {
      if (path.equals(inc) || path.startsWith(inc + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Whether path is a directory on the way to an included path. */
  public boolean isAncestorOfInclude(String path) {
    String prefix = path.equals("/") ? "/" : path + "/";
    for (String inc : includes) {
      if (inc.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}

package io.volback.cli;

import java.nio.file.Path;
import java.util.function.Function;

/** MetadataCacheRoot finds the default root of the metadata cache, as restic does. */
final class MetadataCacheRoot {
  private MetadataCacheRoot() {}

  /**
   * VOLBACK_CACHE_DIR, else $XDG_CACHE_HOME/volback (an absolute one only, as the XDG spec says),
   * else HOME/.cache/volback; null when there is no home to put it in.
   */
  static Path of(Function<String, String> env, String userHome) {
    String dir = env.apply("VOLBACK_CACHE_DIR");
    if (dir != null) {
      return Path.of(dir);
    }
    String xdg = env.apply("XDG_CACHE_HOME");
    if (xdg != null && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "volback");
    }
    String home = env.apply("HOME");
    if (home == null) {
      home = userHome;
    }
    return home == null || home.isBlank() ? null : Path.of(home, ".cache", "volback");
  }
}

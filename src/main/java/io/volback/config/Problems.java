package io.volback.config;

import io.volback.config.YamlNode.Mark;
import java.util.ArrayList;
import java.util.List;

/**
 * Problems collects every error found in one configuration source, each as one line
 * "FILE:LINE:COLUMN: KEY: what is wrong", so that a user fixes them all in one go.
 */
final class Problems {
  private final String source;
  private final List<String> lines = new ArrayList<>();

  Problems(String source) {
    this.source = source;
  }

  void add(Mark mark, String path, String message) {
    String where = source + ":" + mark;
    lines.add(where + ": " + (path.isEmpty() ? "" : path + ": ") + message);
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  void throwIfAny() throws ConfigException {
    if (!lines.isEmpty()) {
      throw new ConfigException(lines);
    }
  }

  /** The path of key inside the mapping at path: "policies[0]" + "schedule". */
  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}

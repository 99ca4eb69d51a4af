package io.volback.store;

/** Keys checks object keys and list prefixes before a store touches them. */
final class Keys {
  private Keys() {}

  /** Returns key when it is relative, uses '/' and has no "..", backslash or empty segment. */
  static String check(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("invalid object key '" + key + "': must not be empty");
    }
    if (key.endsWith("/")) {
      throw invalid(key, "must not end with '/'");
    }
    checkSegments(key, key);
    return key;
  }

  /** Returns prefix when it is empty or a key start; a trailing '/' is allowed. */
  static String checkPrefix(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("list prefix must not be null");
    }
    if (prefix.isEmpty()) {
      return prefix;
    }
    String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (body.isEmpty()) {
      throw invalid(prefix, "must not start with '/'");
    }
    checkSegments(prefix, body);
    return prefix;
  }

  private static void checkSegments(String original, String path) {
    if (path.startsWith("/")) {
      throw invalid(original, "must not start with '/'");
    }
    if (path.indexOf('\\') >= 0) {
      throw invalid(original, "must not contain '\\'");
    }
    if (path.contains("..")) {
      throw invalid(original, "must not contain '..'");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        throw invalid(original, "must not contain empty segments");
      }
      if (segment.equals(".")) {
        throw invalid(original, "must not contain '.' segments");
      }
    }
  }

  private static IllegalArgumentException invalid(String key, String reason) {
    return new IllegalArgumentException("invalid object key '" + key + "': " + reason);
  }
}

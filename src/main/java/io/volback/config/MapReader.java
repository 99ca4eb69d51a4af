package io.volback.config;

import io.volback.config.YamlNode.Entry;
import io.volback.config.YamlNode.Mark;
import io.volback.config.YamlNode.ScalarType;
import io.volback.config.YamlNode.YamlList;
import io.volback.config.YamlNode.YamlMap;
import io.volback.config.YamlNode.YamlScalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * MapReader reads the keys of one YAML mapping as typed values. A missing key gives the default; a
 * value of the wrong type or format is reported to Problems (with its position and key) and gives
 * the default too, so that reading goes on and every error is found. finish() reports the keys
 * nobody asked for.
 */
final class MapReader {
  private final YamlMap map;
  private final String path;
  private final Problems problems;
  private final Set<String> known = new LinkedHashSet<>();

  private MapReader(YamlMap map, String path, Problems problems) {
    this.map = map;
    this.path = path;
    this.problems = problems;
  }

  /** A reader over node, which must be a mapping (an absent or empty value reads as empty). */
  static MapReader of(YamlNode node, String path, Problems problems, Mark fallback) {
    if (node instanceof YamlMap m) {
      return new MapReader(m, path, problems);
    }
    Mark mark = node == null ? fallback : node.mark();
    if (node != null && !isNull(node)) {
      problems.add(mark, path, "expected a mapping (key: value lines), got " + node.kind());
    }
    return new MapReader(new YamlMap(Map.of(), mark), path, problems);
  }

  /** A reader over a list item, or empty (reported) when the item is not a mapping. */
  static Optional<MapReader> ofItem(YamlNode item, String path, Problems problems) {
    if (item instanceof YamlMap m) {
      return Optional.of(new MapReader(m, path, problems));
    }
    problems.add(item.mark(), path, "expected a mapping (key: value lines), got " + item.kind());
    return Optional.empty();
  }

  Mark mark() {
    return map.mark();
  }

  String path() {
    return path;
  }

  Problems problems() {
    return problems;
  }

  String path(String key) {
    return Problems.child(path, key);
  }

  /** The value of key; marks the key as known. Empty when absent or written as null. */
  Optional<YamlNode> node(String key) {
    known.add(key);
    Entry e = map.entries().get(key);
    if (e == null || isNull(e.value())) {
      return Optional.empty();
    }
    return Optional.of(e.value());
  }

  boolean has(String key) {
    return node(key).isPresent();
  }

  /** Where key's value (or, when absent, this mapping) is written. */
  Mark markOf(String key) {
    Entry e = map.entries().get(key);
    return e == null ? map.mark() : e.value().mark();
  }

  void problem(String key, String message) {
    problems.add(markOf(key), path(key), message);
  }

  String string(String key) {
    return node(key).map(n -> scalar(key, n)).orElse(null);
  }

  String string(String key, String fallback) {
    String s = string(key);
    return s == null ? fallback : s;
  }

  boolean bool(String key, boolean fallback) {
    Optional<YamlNode> n = node(key);
    if (n.isEmpty()) {
      return fallback;
    }
    if (n.get() instanceof YamlScalar s && (s.text().equals("true") || s.text().equals("false"))) {
      return Boolean.parseBoolean(s.text());
    }
    problem(key, "expected true or false, got " + n.get().kind());
    return fallback;
  }

  int integer(String key, int fallback, int min) {
    Optional<YamlNode> n = node(key);
    if (n.isEmpty()) {
      return fallback;
    }
    if (n.get() instanceof YamlScalar s && s.type() != ScalarType.FLOAT) {
      try {
        int value = Integer.parseInt(s.text().strip());
        if (value >= min) {
          return value;
        }
        problem(key, "must be at least " + min + ", got " + value);
        return fallback;
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problem(key, "expected a whole number, got " + n.get().kind());
    return fallback;
  }

  Duration duration(String key, Duration fallback) {
    return parsed(key, Durations::parse, fallback);
  }

  /** The string at key turned into T by parse, whose IllegalArgumentException is reported. */
  <T> T parsed(String key, Function<String, T> parse, T fallback) {
    String s = string(key);
    if (s == null) {
      return fallback;
    }
    try {
      return parse.apply(s);
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
      return fallback;
    }
  }

  /** A reader over the mapping at key (empty when absent). */
  MapReader map(String key) {
    return of(node(key).orElse(null), path(key), problems, markOf(key));
  }

  /** The items of the list at key (empty when absent). */
  List<YamlNode> list(String key) {
    Optional<YamlNode> n = node(key);
    if (n.isEmpty()) {
      return List.of();
    }
    if (n.get() instanceof YamlList l) {
      return l.items();
    }
    problem(key, "expected a list, got " + n.get().kind());
    return List.of();
  }

  /** The list of strings at key; a single string is accepted as a list of one. */
  List<String> strings(String key) {
    Optional<YamlNode> n = node(key);
    if (n.isEmpty()) {
      return List.of();
    }
    if (n.get() instanceof YamlScalar) {
      return List.of(scalar(key, n.get()));
    }
    List<String> out = new ArrayList<>();
    List<YamlNode> items = list(key);
    for (int i = 0; i < items.size(); i++) {
      String s = scalarOf(items.get(i), path(key) + "[" + i + "]");
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** The mapping of strings at key; a key with no value maps to null ("any value"). */
  Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<YamlNode> n = node(key);
    if (n.isEmpty()) {
      return out;
    }
    if (!(n.get() instanceof YamlMap m)) {
      problem(key, "expected a mapping (name: value), got " + n.get().kind());
      return out;
    }
    m.entries()
        .forEach(
            (k, e) ->
                out.put(k, isNull(e.value()) ? null : scalarOf(e.value(), path(key) + "." + k)));
    return out;
  }

  /** One of an enum's constants, written in lower case with '-' for '_' ("read-path: api"). */
  <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    String s = string(key);
    if (s == null) {
      return fallback;
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String name = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
      names.add(name);
      if (name.equals(s.strip())) {
        return e;
      }
    }
    problem(key, "expected one of " + String.join(", ", names) + ", got '" + s + "'");
    return fallback;
  }

  /**
   * The secret named by at most one of PREFIX-file, PREFIX-env and PREFIX-command; null when none.
   */
  SecretRef secret(String prefix) {
    if (map.entries().containsKey(prefix)) {
      known.add(prefix);
      problem(
          prefix,
          "secrets are never written in the file: use "
              + prefix
              + "-file, "
              + prefix
              + "-env or "
              + prefix
              + "-command");
    }
    SecretRef found = null;
    String foundKey = null;
    for (SecretRef.Source source : SecretRef.Source.values()) {
      String key = prefix + "-" + source.name().toLowerCase(Locale.ROOT);
      String value = string(key);
      if (value == null) {
        continue;
      }
      if (value.isBlank()) {
        problem(key, "is empty");
      } else if (found != null) {
        problem(key, "give only one of " + foundKey + " and " + key);
      } else {
        found = new SecretRef(source, value.strip());
        foundKey = key;
      }
    }
    return found;
  }

  /** Reports every key of the mapping that was never asked for, with the nearest known one. */
  void finish() {
    for (Map.Entry<String, Entry> e : map.entries().entrySet()) {
      if (!known.contains(e.getKey())) {
        problems.add(
            e.getValue().keyMark(),
            path(e.getKey()),
            "unknown key" + Nearest.hint(e.getKey(), known));
      }
    }
  }

  private String scalar(String key, YamlNode n) {
    return scalarOf(n, path(key));
  }

  private String scalarOf(YamlNode n, String at) {
    if (n instanceof YamlScalar s) {
      return s.text();
    }
    problems.add(n.mark(), at, "expected a single value, got " + n.kind());
    return null;
  }

  private static boolean isNull(YamlNode n) {
    return n instanceof YamlScalar s && s.type() == ScalarType.NULL;
  }
}

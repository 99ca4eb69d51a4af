package io.volback.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YamlNode is one node of a parsed YAML document that remembers where it was written, so that every
 * configuration error can name file:line:column.
 */
sealed interface YamlNode {
  /** Mark is a 1-based line and column in the source. */
  record Mark(int line, int column) {
    @Override
    public String toString() {
      return line + ":" + column;
    }
  }

  Mark mark();

  /** What the node is, in words, for "expected X, got Y" messages. */
  String kind();

  /** YamlMap is a mapping; entries keep the order and the position of their keys. */
  record YamlMap(Map<String, Entry> entries, Mark mark) implements YamlNode {
    public YamlMap {
      entries = new LinkedHashMap<>(entries);
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  /** Entry is one key of a mapping: where the key is written, and its value. */
  record Entry(Mark keyMark, YamlNode value) {}

  /** YamlList is a sequence. */
  record YamlList(List<YamlNode> items, Mark mark) implements YamlNode {
    public YamlList {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /**
   * YamlScalar is a single value as written; type is how YAML typed it (string, int, float, bool,
   * null).
   */
  record YamlScalar(String text, ScalarType type, Mark mark) implements YamlNode {
    @Override
    public String kind() {
      return type == ScalarType.NULL ? "nothing" : "'" + text + "'";
    }
  }

  /** ScalarType is the YAML type of a plain scalar; a quoted scalar is always a STRING. */
  enum ScalarType {
    STRING,
    INT,
    FLOAT,
    BOOL,
    NULL
  }
}

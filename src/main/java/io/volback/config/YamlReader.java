package io.volback.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.volback.config.YamlNode.Entry;
import io.volback.config.YamlNode.Mark;
import io.volback.config.YamlNode.ScalarType;
import io.volback.config.YamlNode.YamlList;
import io.volback.config.YamlNode.YamlMap;
import io.volback.config.YamlNode.YamlScalar;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YamlReader turns YAML text into a tree of YamlNodes with their positions, through Jackson's
 * streaming YAML parser (its tree model forgets positions). A key written twice in one mapping is
 * an error, not a silent override.
 */
final class YamlReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final JsonParser parser;
  private final Problems problems;

  private YamlReader(JsonParser parser, Problems problems) {
    this.parser = parser;
    this.problems = problems;
  }

  /** The document's root; an empty document is an empty mapping; null after a syntax error. */
  static YamlNode read(String text, Problems problems) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      YamlReader reader = new YamlReader(parser, problems);
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new YamlMap(Map.of(), new Mark(1, 1));
      }
      YamlNode root = reader.node(first, "");
      if (parser.nextToken() != null) {
        problems.add(
            mark(parser.currentTokenLocation()),
            "",
            "a second YAML document ('---'): the file holds one document only");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      Mark mark = at == null ? new Mark(1, 1) : mark(at);
      problems.add(mark, "", "invalid YAML: " + firstLine(e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      problems.add(new Mark(1, 1), "", "cannot read YAML: " + e.getMessage());
      return null;
    }
  }

  private YamlNode node(JsonToken token, String path) throws IOException {
    Mark mark = mark(parser.currentTokenLocation());
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      problems.add(
          mark, path, "YAML aliases (*" + parser.getText() + ") are not supported: write it out");
      return new YamlScalar("", ScalarType.NULL, mark);
    }
    return switch (token) {
      case START_OBJECT -> map(mark, path);
      case START_ARRAY -> list(mark, path);
      case VALUE_STRING -> new YamlScalar(parser.getText(), ScalarType.STRING, mark);
      case VALUE_NUMBER_INT -> new YamlScalar(parser.getText(), ScalarType.INT, mark);
      case VALUE_NUMBER_FLOAT -> new YamlScalar(parser.getText(), ScalarType.FLOAT, mark);
      case VALUE_TRUE, VALUE_FALSE -> new YamlScalar(parser.getText(), ScalarType.BOOL, mark);
      case VALUE_NULL -> new YamlScalar("", ScalarType.NULL, mark);
      default -> new YamlScalar(parser.getText(), ScalarType.STRING, mark);
    };
  }

  private YamlMap map(Mark mark, String path) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Mark keyMark = mark(parser.currentTokenLocation());
      String keyPath = Problems.child(path, key);
      YamlNode value = node(parser.nextToken(), keyPath);
      if (entries.containsKey(key)) {
        problems.add(
            keyMark, keyPath, "key written twice (first at " + entries.get(key).keyMark() + ")");
      } else {
        entries.put(key, new Entry(keyMark, value));
      }
    }
    return new YamlMap(entries, mark);
  }

  private YamlList list(Mark mark, String path) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      items.add(node(token, path + "[" + items.size() + "]"));
    }
    return new YamlList(items, mark);
  }

  private static Mark mark(JsonLocation at) {
    return new Mark(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
  }

  /** SnakeYAML's message without its position lines and source excerpt (the mark says where). */
  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    List<String> parts = new ArrayList<>();
    for (String line : message.strip().split("\n")) {
      // Position lines (" in 'reader', line 1") and the excerpt under them are indented.
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        parts.add(line.strip());
      }
    }
    return parts.isEmpty() ? message.strip() : String.join(": ", parts);
  }
}

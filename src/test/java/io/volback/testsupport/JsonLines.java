package io.volback.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** JsonLines reads a --json stream (docs/json.md): the records of one message_type, in order. */
public final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  public static List<JsonNode> ofType(String out, String messageType) {
    List<JsonNode> found = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        if (messageType.equals(node.path("message_type").asText())) {
          found.add(node);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("not a JSON line: " + line, e);
      }
    }
    return found;
  }

  /** The only summary line of a backup of one source, or of a restore. */
  public static JsonNode summary(String out) {
    List<JsonNode> summaries = ofType(out, "summary");
    if (summaries.size() != 1) {
      throw new AssertionError(
          "expected one summary line, got " + summaries.size() + " in\n" + out);
    }
    return summaries.get(0);
  }
}

package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * JsonGolden compares --json output with a golden file under src/test/resources/golden/json after
 * masking volatile fields (ids and times of new snapshots, durations) by name. With
 * -Dvolback.golden.update=true it writes the golden file instead (review the diff).
 */
final class JsonGolden {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Path DIR = Path.of("src/test/resources/golden/json");

  private JsonGolden() {}

  /** One JSON document, masked and indented. */
  static String document(String json, Set<String> masked) throws IOException {
    return JSON.writeValueAsString(mask(JSON.readTree(json), masked)) + "\n";
  }

  /** JSON lines, masked, one per line, without the message types in skipped. */
  static String lines(String jsonLines, Set<String> masked, Set<String> skipped)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : jsonLines.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      if (skipped.contains(node.path("message_type").asText())) {
        continue;
      }
      out.add(new ObjectMapper().writeValueAsString(mask(node, masked)));
    }
    return String.join("\n", out) + "\n";
  }

  static void assertMatches(String name, String actual) throws IOException {
    Path golden = DIR.resolve(name);
    if (Boolean.getBoolean("volback.golden.update")) {
      Files.createDirectories(DIR);
      Files.writeString(golden, actual);
      return;
    }
    assertThat(golden)
        .as("golden file %s (write it with -Dvolback.golden.update=true)", golden)
        .exists();
    assertThat(actual).as("output compared with %s", golden).isEqualTo(Files.readString(golden));
  }

  private static JsonNode mask(JsonNode node, Set<String> masked) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
        String n = names.next();
        if (masked.contains(n)) {
          o.put(n, "<" + n + ">");
        } else {
          mask(o.get(n), masked);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> mask(child, masked));
    }
    return node;
  }
}

package io.volback.cli.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * JsonOutput is the one ObjectMapper of the CLI's --json output (docs/json.md): snake_case names,
 * times as RFC 3339 strings in UTC, absent values left out. It is deliberately not the repository
 * format's mapper, so the output contract and the stored format can change independently.
 */
public final class JsonOutput {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(new Jdk8Module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private static final ObjectMapper INDENTED =
      MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}

  /** value as one line, for JSON-lines streams. */
  public static String line(Object value) {
    return write(MAPPER, value);
  }

  /** value as one indented document, for commands that print one JSON value. */
  public static String document(Object value) {
    return write(INDENTED, value);
  }

  private static String write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

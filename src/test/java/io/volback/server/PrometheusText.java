package io.volback.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.testsupport.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PrometheusText parses metrics text with the Prometheus project's own parser (Debian's
 * python3-prometheus-client under /usr/bin/python3, installed by scripts/setup-machine.sh): text it
 * rejects fails the test.
 */
final class PrometheusText {
  private static final String PARSER =
      """
      import json, sys
      from prometheus_client.parser import text_string_to_metric_families
      with open(sys.argv[1], encoding="utf-8") as f:
          text = f.read()
      samples = []
      for family in text_string_to_metric_families(text):
          for s in family.samples:
              samples.append({"name": s.name, "labels": s.labels, "value": s.value})
      print(json.dumps(samples))
      """;

  private PrometheusText() {}

  /** One sample: metric name, labels and value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  static List<Sample> parse(String text) throws Exception {
    Path file = Files.createTempFile("metrics", ".txt");
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Processes.Finished parsed =
          Processes.run(
              new ProcessBuilder("/usr/bin/python3", "-c", PARSER, file.toString()),
              Duration.ofSeconds(30));
      if (parsed.exitCode() != 0) {
        throw new AssertionError(
            "the Prometheus parser rejected:\n" + text + "\n" + parsed.output());
      }
      return new ObjectMapper().readValue(parsed.output(), new TypeReference<List<Sample>>() {});
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The value of name for volume (null: the series without a volume label); fails when absent. */
  static double value(List<Sample> samples, String name, String volume) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && Objects.equals(s.labels().get("volume"), volume))
        .mapToDouble(Sample::value)
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " for volume " + volume + " is missing"));
  }
}

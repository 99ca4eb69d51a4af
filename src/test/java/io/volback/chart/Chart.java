package io.volback.chart;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The chart of helm/volback, driven by helm's own code (helm-java's bundled library). */
final class Chart {
  static final Path DIR = Path.of("helm", "volback");
  static final String RELEASE = "rel";
  static final String NAMESPACE = "backups";
  static final String FULL_NAME = "rel-volback";

  private Chart() {}

  static LintResult lint() {
    return new Helm(DIR).lint().strict().call();
  }

  /** `helm template` with the chart's values.yaml and then valuesYaml on top. */
  static RenderedChart template(String valuesYaml) throws IOException {
    return RenderedChart.parse(render(valuesYaml));
  }

  /** The message helm fails with for these values; an AssertionError when it renders them. */
  static String failure(String valuesYaml) throws IOException {
    try {
      render(valuesYaml);
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
    throw new AssertionError("helm rendered the chart with these values:\n" + valuesYaml);
  }

  /** The chart's appVersion, which the image tag defaults to. */
  static String appVersion() throws IOException {
    Map<?, ?> chart = new YAMLMapper().readValue(DIR.resolve("Chart.yaml").toFile(), Map.class);
    return String.valueOf(chart.get("appVersion"));
  }

  private static String render(String valuesYaml) throws IOException {
    Path values = Files.createTempFile("volback-chart-values", ".yaml");
    try {
      Files.writeString(values, valuesYaml);
      return new Helm(DIR)
          .template()
          .withName(RELEASE)
          .withNamespace(NAMESPACE)
          .withValuesFile(values)
          .call();
    } finally {
      Files.deleteIfExists(values);
    }
  }
}

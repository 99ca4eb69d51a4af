package io.volback.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The manifests `helm template` rendered: the text as helm printed it and the typed objects. */
final class RenderedChart {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final String text;
  private final List<HasMetadata> objects;

  private RenderedChart(String text, List<HasMetadata> objects) {
    this.text = text;
    this.objects = List.copyOf(objects);
  }

  /** Parses helm's multi-document output into fabric8 objects (unknown kinds stay generic). */
  static RenderedChart parse(String text) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
          continue;
        }
        objects.add((HasMetadata) YAML.treeToValue(doc, KubernetesResource.class));
      }
    }
    return new RenderedChart(text, objects);
  }

  String text() {
    return text;
  }

  List<HasMetadata> objects() {
    return objects;
  }

  List<String> kinds() {
    return objects.stream().map(HasMetadata::getKind).sorted().toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("objects of kind %s", type.getSimpleName()).hasSizeLessThan(2);
    return found.stream().findFirst();
  }

  <T extends HasMetadata> T one(Class<T> type) {
    return find(type)
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + kinds()));
  }

  /** The pod spec of the Deployment or of the DaemonSet, whichever was rendered. */
  PodSpec podSpec() {
    Optional<Deployment> deployment = find(Deployment.class);
    if (deployment.isPresent()) {
      return deployment.get().getSpec().getTemplate().getSpec();
    }
    return one(DaemonSet.class).getSpec().getTemplate().getSpec();
  }

  Container container() {
    List<Container> containers = podSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  /** The ConfigMap's volback.yml, parsed. */
  @SuppressWarnings("unchecked")
  Map<String, Object> configFile() throws IOException {
    String file = one(ConfigMap.class).getData().get("volback.yml");
    assertThat(file).as("volback.yml of the ConfigMap").isNotNull();
    return YAML.readValue(file, Map.class);
  }

  /** The YAML of every object but the Secret: where no secret value may appear. */
  String textOutsideTheSecret() throws IOException {
    StringBuilder out = new StringBuilder();
    for (HasMetadata object : objects) {
      if (!object.getKind().equals("Secret")) {
        out.append(YAML.writeValueAsString(object)).append('\n');
      }
    }
    return out.toString();
  }
}

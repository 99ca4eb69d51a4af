package io.volback.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** VolumeDiscovery lists the volumes of a Docker host and the containers that mount them. */
public final class VolumeDiscovery {
  static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";
  private static final Pattern GENERATED_NAME = Pattern.compile("[0-9a-f]{64}");

  private VolumeDiscovery() {}

  /** Every volume on the host, sorted by name, with its consumers. */
  public static List<VolumeInfo> all(DockerHost host) throws DockerHostException {
    JsonNode volumes = EngineApi.getJson(host, "/volumes", "list volumes").path("Volumes");
    Map<String, List<VolumeConsumer>> consumers = consumersByVolume(host, null);
    List<VolumeInfo> result = new ArrayList<>();
    for (JsonNode volume : volumes) {
      String name = volume.path("Name").asText();
      result.add(toInfo(host, volume, consumers.getOrDefault(name, List.of())));
    }
    result.sort((a, b) -> a.name().compareTo(b.name()));
    return result;
  }

  /** The volume named {@code name}, or NoSuchVolumeException. */
  public static VolumeInfo get(DockerHost host, String name) throws DockerHostException {
    JsonNode volume;
    try {
      volume =
          EngineApi.getJson(host, "/volumes/" + EngineApi.encode(name), "inspect volume " + name);
    } catch (DockerHostException e) {
      if (e.statusCode() == 404) {
        throw new NoSuchVolumeException(name, host);
      }
      throw e;
    }
    return toInfo(host, volume, consumers(host, name));
  }

  /** The containers that mount the volume, running or not (volback's own helpers excluded). */
  public static List<VolumeConsumer> consumers(DockerHost host, String volume)
      throws DockerHostException {
    return consumersByVolume(host, volume).getOrDefault(volume, List.of());
  }

  static boolean isAnonymous(String name, Map<String, String> labels) {
    return labels.containsKey(ANONYMOUS_LABEL) || GENERATED_NAME.matcher(name).matches();
  }

  private static VolumeInfo toInfo(
      DockerHost host, JsonNode volume, List<VolumeConsumer> consumers) {
    String name = volume.path("Name").asText();
    Map<String, String> labels = stringMap(volume.path("Labels"));
    return new VolumeInfo(
        host.address(),
        name,
        volume.path("Driver").asText("local"),
        stringMap(volume.path("Options")),
        labels,
        volume.path("Scope").asText("local"),
        parseTime(volume.path("CreatedAt").asText("")),
        volume.path("Mountpoint").asText(""),
        isAnonymous(name, labels),
        consumers);
  }

  // onlyVolume narrows the listing server-side; null lists every container.
  private static Map<String, List<VolumeConsumer>> consumersByVolume(
      DockerHost host, String onlyVolume) throws DockerHostException {
    String path = "/containers/json?all=true";
    if (onlyVolume != null) {
      path += "&filters=" + EngineApi.encode("{\"volume\":[\"" + jsonEscape(onlyVolume) + "\"]}");
    }
    JsonNode containers = EngineApi.getJson(host, path, "list containers");
    Map<String, List<VolumeConsumer>> byVolume = new HashMap<>();
    for (JsonNode container : containers) {
      Map<String, String> labels = stringMap(container.path("Labels"));
      if (labels.containsKey(HelperContainer.LABEL)) {
        continue;
      }
      for (JsonNode mount : container.path("Mounts")) {
        if (!"volume".equals(mount.path("Type").asText())) {
          continue;
        }
        byVolume
            .computeIfAbsent(mount.path("Name").asText(), k -> new ArrayList<>())
            .add(toConsumer(container, mount, labels));
      }
    }
    byVolume.values().forEach(list -> list.sort((a, b) -> a.name().compareTo(b.name())));
    return byVolume;
  }

  private static VolumeConsumer toConsumer(
      JsonNode container, JsonNode mount, Map<String, String> labels) {
    String state = container.path("State").asText("");
    JsonNode names = container.path("Names");
    String name =
        names.size() > 0
            ? names.get(0).asText().replaceFirst("^/", "")
            : container.path("Id").asText();
    boolean running =
        state.equals("running") || state.equals("paused") || state.equals("restarting");
    return new VolumeConsumer(
        container.path("Id").asText(),
        name,
        state,
        running,
        mount.path("Destination").asText(),
        !mount.path("RW").asBoolean(true),
        labels);
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static Optional<Instant> parseTime(String text) {
    try {
      return text.isEmpty()
          ? Optional.empty()
          : Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String jsonEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}

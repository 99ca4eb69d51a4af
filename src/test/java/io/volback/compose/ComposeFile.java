package io.volback.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ComposeFile reads the subset of the Compose specification the compose example uses: a project
 * name, services (image, build, command, environment, volumes in the short syntax, labels, secrets,
 * ports, restart), named volumes with labels and file secrets. A key outside that subset is an
 * error, so the example cannot gain a setting the test would silently not bring up.
 */
record ComposeFile(
    Path directory,
    String name,
    Map<String, Service> services,
    Map<String, Map<String, String>> volumes,
    Map<String, Path> secrets) {

  /** One service; {@code command} is empty when the image's default command is used. */
  record Service(
      String name,
      String image,
      List<String> command,
      Map<String, String> environment,
      List<Mount> mounts,
      Map<String, String> labels,
      List<String> secrets,
      List<String> ports,
      String restart) {}

  /** A mount in the short syntax: a named volume of the file, or a host path (a bind). */
  record Mount(String source, String target, boolean readOnly) {
    boolean isBind() {
      return source.startsWith("/") || source.startsWith(".");
    }
  }

  private static final Set<String> TOP = Set.of("name", "services", "volumes", "secrets");
  private static final Set<String> SERVICE =
      Set.of(
          "image",
          "build",
          "command",
          "environment",
          "volumes",
          "labels",
          "secrets",
          "ports",
          "restart");
  private static final Set<String> BUILD = Set.of("context", "args");
  private static final Set<String> VOLUME = Set.of("labels");
  private static final Set<String> SECRET = Set.of("file");

  static ComposeFile read(Path file) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    onlyKeys(root, TOP, "the file");
    Map<String, Service> services = new LinkedHashMap<>();
    fields(root.path("services")).forEach((name, node) -> services.put(name, service(name, node)));
    Map<String, Map<String, String>> volumes = new LinkedHashMap<>();
    fields(root.path("volumes"))
        .forEach(
            (name, node) -> {
              onlyKeys(node, VOLUME, "volume " + name);
              volumes.put(name, strings(node.path("labels"), "volume " + name + " labels"));
            });
    Map<String, Path> secrets = new LinkedHashMap<>();
    fields(root.path("secrets"))
        .forEach(
            (name, node) -> {
              onlyKeys(node, SECRET, "secret " + name);
              secrets.put(name, Path.of(text(node.path("file"), "secret " + name + " file")));
            });
    Path directory = file.toAbsolutePath().getParent();
    ComposeFile compose =
        new ComposeFile(
            directory,
            text(root.path("name"), "name"),
            Map.copyOf(services),
            Map.copyOf(volumes),
            Map.copyOf(secrets));
    compose.checkReferences();
    return compose;
  }

  Service service(String name) {
    Service s = services.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no service " + name + " in the compose file");
    }
    return s;
  }

  /** A bind's source as the engine sees it: relative paths are relative to the file's folder. */
  Path hostPath(String source) {
    return directory.resolve(source).normalize();
  }

  private void checkReferences() {
    for (Service s : services.values()) {
      for (Mount m : s.mounts()) {
        if (!m.isBind() && !volumes.containsKey(m.source())) {
          throw bad("service " + s.name() + " mounts volume " + m.source() + ", not declared");
        }
      }
      for (String secret : s.secrets()) {
        if (!secrets.containsKey(secret)) {
          throw bad("service " + s.name() + " uses secret " + secret + ", not declared");
        }
      }
    }
  }

  private static Service service(String name, JsonNode node) {
    String where = "service " + name;
    onlyKeys(node, SERVICE, where);
    if (node.has("build")) {
      onlyKeys(node.path("build"), BUILD, where + " build");
    }
    List<Mount> mounts = new ArrayList<>();
    for (String spec : list(node.path("volumes"), where + " volumes")) {
      mounts.add(mount(spec, where));
    }
    return new Service(
        name,
        text(node.path("image"), where + " image"),
        command(node.path("command"), where),
        strings(node.path("environment"), where + " environment"),
        List.copyOf(mounts),
        strings(node.path("labels"), where + " labels"),
        list(node.path("secrets"), where + " secrets"),
        list(node.path("ports"), where + " ports"),
        node.path("restart").asText("no"));
  }

  private static Mount mount(String spec, String where) {
    String[] parts = spec.split(":");
    if (parts.length < 2 || parts.length > 3 || parts.length == 3 && !parts[2].matches("ro|rw")) {
      throw bad(where + ": volume '" + spec + "' is not SOURCE:TARGET[:ro|rw]");
    }
    return new Mount(parts[0], parts[1], parts.length == 3 && parts[2].equals("ro"));
  }

  /** A command as compose takes it: a list, or a string split on spaces (no quoting used here). */
  private static List<String> command(JsonNode node, String where) {
    if (node.isMissingNode()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText().trim().split("\\s+"));
    }
    return list(node, where + " command");
  }

  /** A mapping, or a list of KEY=VALUE, as compose allows for environment and labels. */
  private static Map<String, String> strings(JsonNode node, String where) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return map;
    }
    if (node.isArray()) {
      for (String entry : list(node, where)) {
        int eq = entry.indexOf('=');
        if (eq < 1) {
          throw bad(where + ": '" + entry + "' is not KEY=VALUE");
        }
        map.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
      return map;
    }
    fields(node)
        .forEach(
            (k, v) -> {
              if (!v.isValueNode() || v.isNull()) {
                throw bad(where + ": " + k + " is not a scalar");
              }
              map.put(k, v.asText());
            });
    return map;
  }

  private static List<String> list(JsonNode node, String where) {
    if (node.isMissingNode()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw bad(where + " is not a list");
    }
    List<String> values = new ArrayList<>();
    node.forEach(
        v -> {
          if (!v.isValueNode()) {
            throw bad(where + ": " + v + " is not a scalar (the long syntax is not supported)");
          }
          values.add(v.asText());
        });
    return List.copyOf(values);
  }

  private static String text(JsonNode node, String where) {
    if (!node.isValueNode() || node.asText().isEmpty()) {
      throw bad(where + " is missing");
    }
    return node.asText();
  }

  /** The members of a mapping in file order; an absent or empty mapping (null) has none. */
  private static Map<String, JsonNode> fields(JsonNode node) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
    } else if (!node.isMissingNode() && !node.isNull()) {
      throw bad(node + " is not a mapping");
    }
    return map;
  }

  private static void onlyKeys(JsonNode node, Set<String> known, String where) {
    if (node.isNull() || node.isMissingNode()) {
      return;
    }
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!known.contains(key)) {
        throw bad(where + ": key '" + key + "' is outside the subset the test translates");
      }
    }
  }

  private static IllegalArgumentException bad(String message) {
    return new IllegalArgumentException("compose file: " + message);
  }
}

package io.volback.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * DockerContexts chooses the engine as the docker CLI does: --context, else -H, else DOCKER_HOST,
 * else DOCKER_CONTEXT, else the currentContext of config.json in DOCKER_CONFIG (default ~/.docker),
 * else the local socket. A context's endpoint is in contexts/meta/SHA256(name)/meta.json, its TLS
 * files in contexts/tls/SHA256(name)/docker/. Configuration mistakes are IllegalArgumentExceptions
 * that name the context or file.
 */
public final class DockerContexts {
  /** The context docker calls "default": DOCKER_HOST or the local socket. */
  public static final String DEFAULT = "default";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env;
  private final Path configDir;

  public DockerContexts(Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.configDir = configDir(env);
  }

  /** The endpoint for the -H option host and the --context option context (either may be null). */
  public DockerEndpoint resolve(String host, String context) {
    if (isSet(context) && isSet(host)) {
      throw new IllegalArgumentException(
          "conflicting options: -H/--host and --context cannot be used together");
    }
    if (isSet(context)) {
      return context(context.strip(), "--context");
    }
    if (isSet(host)) {
      return checked(new DockerHosts(env).endpoint(host.strip(), "-H"));
    }
    if (isSet(env.get("DOCKER_HOST"))) {
      return checked(new DockerHosts(env).endpoint(env.get("DOCKER_HOST").strip(), "DOCKER_HOST"));
    }
    if (isSet(env.get("DOCKER_CONTEXT"))) {
      return context(env.get("DOCKER_CONTEXT").strip(), "DOCKER_CONTEXT");
    }
    Optional<String> current = currentContext();
    if (current.isPresent()) {
      return context(current.get(), "currentContext in " + configDir.resolve("config.json"));
    }
    return DockerEndpoint.plain(DockerHosts.DEFAULT_ADDRESS, "default");
  }

  private DockerEndpoint context(String name, String chosenBy) {
    if (name.equals(DEFAULT)) {
      String host = env.get("DOCKER_HOST");
      return isSet(host)
          ? checked(new DockerHosts(env).endpoint(host.strip(), "DOCKER_HOST"))
          : DockerEndpoint.plain(DockerHosts.DEFAULT_ADDRESS, "context default");
    }
    String id = digest(name);
    Path meta = configDir.resolve("contexts").resolve("meta").resolve(id).resolve("meta.json");
    if (!Files.exists(meta)) {
      throw new IllegalArgumentException(
          "Docker context '"
              + name
              + "' (from "
              + chosenBy
              + ") does not exist: no "
              + meta
              + "; see `docker context ls`");
    }
    JsonNode docker = read(meta, name).path("Endpoints").path("docker");
    String host = docker.path("Host").asText("");
    if (host.isEmpty()) {
      throw new IllegalArgumentException(
          "Docker context '"
              + name
              + "' has no Docker endpoint (Endpoints.docker.Host in "
              + meta
              + ")");
    }
    Path tls = configDir.resolve("contexts").resolve("tls").resolve(id).resolve("docker");
    boolean hasTls = Files.isDirectory(tls);
    boolean skipVerify = docker.path("SkipTLSVerify").asBoolean(false);
    return checked(
        new DockerEndpoint(
            host,
            hasTls || skipVerify ? Optional.of(tls) : Optional.empty(),
            !skipVerify,
            "context " + name));
  }

  private static DockerEndpoint checked(DockerEndpoint endpoint) {
    if (endpoint.address().startsWith("ssh://")) {
      throw new IllegalArgumentException(
          "Docker host "
              + endpoint.address()
              + " ("
              + endpoint.source()
              + ") uses ssh://, which volback's Docker client cannot speak: forward the remote"
              + " socket and use it, e.g. ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock "
              + endpoint.address().substring("ssh://".length())
              + " and -H unix:///tmp/docker.sock");
    }
    return endpoint;
  }

  private Optional<String> currentContext() {
    Path config = configDir.resolve("config.json");
    if (!Files.isRegularFile(config)) {
      return Optional.empty();
    }
    String name = read(config, null).path("currentContext").asText("");
    return name.isBlank() ? Optional.empty() : Optional.of(name);
  }

  private static JsonNode read(Path file, String context) {
    try {
      return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read "
              + (context == null
                  ? "the docker CLI's configuration "
                  : "Docker context '" + context + "' from ")
              + file
              + ": "
              + e.getClass().getSimpleName().replace("Exception", ""));
    }
  }

  private static Path configDir(Map<String, String> env) {
    if (isSet(env.get("DOCKER_CONFIG"))) {
      return Path.of(env.get("DOCKER_CONFIG"));
    }
    // The docker CLI takes $HOME, which the JVM's user.home (from the password database) ignores.
    String home = isSet(env.get("HOME")) ? env.get("HOME") : System.getProperty("user.home");
    return Path.of(home, ".docker");
  }

  static String digest(String name) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}

package io.volback.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adaptation is everything a test changes when it brings a compose file up on this machine, in one
 * place so it can be read (and reported) as a list: the project name (unique per run), images and
 * commands by service, label values of volumes, secret and bind sources, the network mode and the
 * labels that scope the cleanup. What it does not name is taken from the file as written.
 */
final class Adaptation {
  String project;
  String networkMode;
  final Map<String, String> images = new HashMap<>();
  final Map<String, List<String>> commands = new HashMap<>();
  final Map<String, Map<String, String>> volumeLabels = new HashMap<>();
  final Map<String, Path> secretFiles = new HashMap<>();
  final Map<String, Path> bindSources = new HashMap<>();
  final Map<String, String> extraLabels = new HashMap<>();
  final Map<String, Map<String, String>> environment = new HashMap<>();
  final Map<String, Duration> healthIntervals = new HashMap<>();

  Adaptation project(String name) {
    project = name;
    return this;
  }

  /** Like {@code network_mode}: the engines here have no bridge, so published ports cannot work. */
  Adaptation networkMode(String mode) {
    networkMode = mode;
    return this;
  }

  Adaptation image(String service, String image) {
    images.put(service, image);
    return this;
  }

  Adaptation command(String service, List<String> command) {
    commands.put(service, List.copyOf(command));
    return this;
  }

  /** Replaces (or adds) one variable of a service's environment. */
  Adaptation environment(String service, String key, String value) {
    environment.computeIfAbsent(service, s -> new HashMap<>()).put(key, value);
    return this;
  }

  /**
   * Runs the image's HEALTHCHECK every {@code interval} (and from the start) instead of its own
   * interval, so a test sees the health status within seconds.
   */
  Adaptation healthInterval(String service, Duration interval) {
    healthIntervals.put(service, interval);
    return this;
  }

  /** Replaces (or adds) one label of a named volume of the file. */
  Adaptation volumeLabel(String volume, String key, String value) {
    volumeLabels.computeIfAbsent(volume, v -> new HashMap<>()).put(key, value);
    return this;
  }

  Adaptation secretFile(String secret, Path file) {
    secretFiles.put(secret, file);
    return this;
  }

  /** Mounts {@code replacement} wherever the file binds {@code source} (as written there). */
  Adaptation bindSource(String source, Path replacement) {
    bindSources.put(source, replacement);
    return this;
  }

  /** Labels added to every volume and container created (the test's cleanup scope). */
  Adaptation labels(Map<String, String> labels) {
    extraLabels.putAll(labels);
    return this;
  }
}

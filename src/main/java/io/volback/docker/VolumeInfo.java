package io.volback.docker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * VolumeInfo describes one volume on a Docker host: what it takes to recreate it (driver, options,
 * labels) and the containers that mount it.
 *
 * <p>{@code anonymous} is true for volumes Docker created without a name (label
 * com.docker.volume.anonymous, or a 64-hex name). {@code createdAt} is absent when the driver does
 * not report it.
 */
public record VolumeInfo(
    String host,
    String name,
    String driver,
    Map<String, String> driverOptions,
    Map<String, String> labels,
    String scope,
    Optional<Instant> createdAt,
    String mountpoint,
    boolean anonymous,
    List<VolumeConsumer> consumers) {

  public VolumeInfo {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(name, "name");
    driverOptions = Map.copyOf(driverOptions);
    labels = Map.copyOf(labels);
    consumers = List.copyOf(consumers);
  }

  /** Whether two or more containers mount the volume. */
  public boolean shared() {
    return consumers.size() >= 2;
  }

  /** The compose project (label com.docker.compose.project). */
  public Optional<String> composeProject() {
    return Optional.ofNullable(labels.get("com.docker.compose.project"));
  }

  /** The volume's key in the compose file (label com.docker.compose.volume). */
  public Optional<String> composeVolume() {
    return Optional.ofNullable(labels.get("com.docker.compose.volume"));
  }

  /** The compose services of the consumers, without duplicates, in consumer order. */
  public List<String> composeServices() {
    return consumers.stream().flatMap(c -> c.composeService().stream()).distinct().toList();
  }

  /** Whether any consumer is running. */
  public boolean inUse() {
    return consumers.stream().anyMatch(VolumeConsumer::running);
  }
}

package io.volback.docker;

import java.util.Map;
import java.util.Optional;

/**
 * VolumeConsumer is a container that mounts a volume, running or not.
 *
 * <p>{@code running} is true while the container has a process (states running, paused,
 * restarting). {@code labels} are the container's labels, where stop and exec hooks are configured.
 */
public record VolumeConsumer(
    String id,
    String name,
    String state,
    boolean running,
    String mountPath,
    boolean readOnly,
    Map<String, String> labels) {

  public VolumeConsumer {
    labels = Map.copyOf(labels);
  }

  /** The compose service the container belongs to (label com.docker.compose.service). */
  public Optional<String> composeService() {
    return Optional.ofNullable(labels.get("com.docker.compose.service"));
  }
}

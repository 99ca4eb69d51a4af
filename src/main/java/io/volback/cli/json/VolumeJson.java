package io.volback.cli.json;

import io.volback.app.Redaction;
import io.volback.docker.VolumeConsumer;
import io.volback.docker.VolumeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * VolumeJson is one volume as `volumes --json` lists it (one JSON array, as `snapshots --json`):
 * driver options with secrets hidden, whether two or more containers mount it, its compose project,
 * and the containers that mount it.
 */
public record VolumeJson(
    String name,
    String dockerHost,
    String driver,
    Map<String, String> driverOptions,
    Map<String, String> labels,
    String scope,
    Instant createdAt,
    String mountpoint,
    boolean anonymous,
    boolean shared,
    String composeProject,
    List<ConsumerJson> consumers) {

  public static VolumeJson of(VolumeInfo v) {
    return new VolumeJson(
        v.name(),
        v.host(),
        v.driver(),
        Redaction.driverOptions(v.driverOptions()),
        v.labels(),
        v.scope(),
        v.createdAt().orElse(null),
        v.mountpoint(),
        v.anonymous(),
        v.shared(),
        v.composeProject().orElse(null),
        v.consumers().stream().map(ConsumerJson::of).toList());
  }

  /** ConsumerJson is a container that mounts the volume. */
  public record ConsumerJson(
      String name, String id, String state, boolean running, String mountPath, boolean readOnly) {
    static ConsumerJson of(VolumeConsumer c) {
      return new ConsumerJson(
          c.name(), c.id(), c.state(), c.running(), c.mountPath(), c.readOnly());
    }
  }
}

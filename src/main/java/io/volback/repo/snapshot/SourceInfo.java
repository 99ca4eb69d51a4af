package io.volback.repo.snapshot;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SourceInfo describes what a snapshot was taken of: its kind ("volume" or "directory"), name, the
 * Docker host, and for volumes the driver, driver options, labels, scope and the containers that
 * mounted it at backup time. readPath tells how the data was read ("api" or "mountpoint").
 */
public record SourceInfo(
    String kind,
    String name,
    String dockerHost,
    String driver,
    Map<String, String> driverOptions,
    Map<String, String> labels,
    String scope,
    List<Consumer> consumers,
    String readPath) {

  public SourceInfo {
    driverOptions = sorted(driverOptions);
    labels = sorted(labels);
    consumers = consumers == null ? List.of() : List.copyOf(consumers);
  }

  public static SourceInfo directory(String name, String path) {
    return new SourceInfo("directory", name, null, null, Map.of(), Map.of(), null, List.of(), path);
  }

  /**
   * The map sorted by key, so equal sources write equal JSON (Map.copyOf's order varies by run).
   */
  private static Map<String, String> sorted(Map<String, String> map) {
    return map == null || map.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /** Consumer is a container that mounted the volume. */
  public record Consumer(
      String container, String id, boolean running, String mountPath, boolean readOnly) {}
}

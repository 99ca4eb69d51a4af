package io.volback.repo.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SourceInfo describes what a snapshot was taken of: its kind ("volume" or "directory") and name;
 * for volumes the Docker host (its address and the engine's ID), the driver, driver options,
 * labels, scope and the containers that mounted it at backup time; for directories the path.
 * readPath tells how the data was read ("api", "mountpoint", or "directory").
 *
 * <p>Directory snapshots written before the path had its own field hold the path in readPath:
 * {@link #directoryPath()} reads both.
 */
public record SourceInfo(
    String kind,
    String name,
    String path,
    String dockerHost,
    String dockerEngineId,
    String driver,
    Map<String, String> driverOptions,
    Map<String, String> labels,
    String scope,
    List<Consumer> consumers,
    String readPath) {

  public static final String VOLUME = "volume";
  public static final String DIRECTORY = "directory";

  public SourceInfo {
    driverOptions = sorted(driverOptions);
    labels = sorted(labels);
    consumers = consumers == null ? List.of() : List.copyOf(consumers);
  }

  /** A directory of the machine that made the snapshot, under a source name. */
  public static SourceInfo directory(String name, String path) {
    return new SourceInfo(
        DIRECTORY, name, path, null, null, null, Map.of(), Map.of(), null, List.of(), DIRECTORY);
  }

  /** A Docker volume: the builder names every field. */
  public static VolumeBuilder volume(String name) {
    return new VolumeBuilder(name);
  }

  /** This source with other driver options (redacted ones, say). */
  public SourceInfo withDriverOptions(Map<String, String> options) {
    return new SourceInfo(
        kind,
        name,
        path,
        dockerHost,
        dockerEngineId,
        driver,
        options,
        labels,
        scope,
        consumers,
        readPath);
  }

  @JsonIgnore
  public boolean isDirectory() {
    return DIRECTORY.equals(kind);
  }

  /** The directory a directory snapshot was taken of; null for volumes. */
  public String directoryPath() {
    if (!isDirectory()) {
      return null;
    }
    return path != null ? path : readPath;
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

  /** VolumeBuilder makes the SourceInfo of a volume. */
  public static final class VolumeBuilder {
    private final String name;
    private String dockerHost;
    private String dockerEngineId;
    private String driver;
    private Map<String, String> driverOptions = Map.of();
    private Map<String, String> labels = Map.of();
    private String scope;
    private List<Consumer> consumers = List.of();
    private String readPath;

    private VolumeBuilder(String name) {
      this.name = name;
    }

    /** The engine's address as given and its ID (null when the engine did not tell). */
    public VolumeBuilder dockerHost(String address, String engineId) {
      this.dockerHost = address;
      this.dockerEngineId = engineId;
      return this;
    }

    public VolumeBuilder driver(String driver, Map<String, String> options) {
      this.driver = driver;
      this.driverOptions = options;
      return this;
    }

    public VolumeBuilder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    public VolumeBuilder scope(String scope) {
      this.scope = scope;
      return this;
    }

    public VolumeBuilder consumers(List<Consumer> consumers) {
      this.consumers = consumers;
      return this;
    }

    public VolumeBuilder readPath(String readPath) {
      this.readPath = readPath;
      return this;
    }

    public SourceInfo build() {
      return new SourceInfo(
          VOLUME,
          name,
          null,
          dockerHost,
          dockerEngineId,
          driver,
          driverOptions,
          labels,
          scope,
          consumers,
          readPath);
    }
  }
}

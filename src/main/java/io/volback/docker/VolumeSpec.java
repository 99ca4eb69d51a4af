package io.volback.docker;

import java.util.Map;
import java.util.Objects;

/** VolumeSpec is what it takes to (re)create a volume: name, driver, driver options, labels. */
public record VolumeSpec(
    String name, String driver, Map<String, String> driverOptions, Map<String, String> labels) {

  public VolumeSpec {
    Objects.requireNonNull(name, "name");
    driver = driver == null || driver.isBlank() ? "local" : driver;
    driverOptions = driverOptions == null ? Map.of() : Map.copyOf(driverOptions);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** A volume of the local driver without options or labels. */
  public static VolumeSpec named(String name) {
    return new VolumeSpec(name, "local", Map.of(), Map.of());
  }

  /** The spec of an existing volume, under another name (e.g. to restore into a scratch volume). */
  public static VolumeSpec like(VolumeInfo volume, String name) {
    return new VolumeSpec(name, volume.driver(), volume.driverOptions(), volume.labels());
  }
}

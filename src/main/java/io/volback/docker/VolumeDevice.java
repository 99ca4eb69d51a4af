package io.volback.docker;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * VolumeDevice is what a volume of the local driver stores its files in, as far as another volume
 * could share it: a host directory (a bind volume's device, or a plain volume's mountpoint) or a
 * device the driver mounts (an NFS export, a block device). Two volumes whose devices overlap write
 * into each other's files.
 */
public record VolumeDevice(String device, boolean directory) {

  /** The device of a volume created with these driver options; empty when it has none. */
  public static Optional<VolumeDevice> of(String driver, Map<String, String> options) {
    if (!"local".equals(driver)) {
      return Optional.empty();
    }
    String device = options.getOrDefault("device", "");
    if (device.isBlank() || "tmpfs".equals(options.get("type"))) {
      return Optional.empty();
    }
    return Optional.of(new VolumeDevice(device, isBind(options)));
  }

  /** The device of an existing volume: its bind directory or device, or its mountpoint. */
  public static Optional<VolumeDevice> of(VolumeInfo volume) {
    Optional<VolumeDevice> device = of(volume.driver(), volume.driverOptions());
    if (device.isPresent()
        || !volume.driverOptions().isEmpty()
        || volume.mountpoint().isEmpty()
        || !"local".equals(volume.driver())) {
      return device;
    }
    return Optional.of(new VolumeDevice(volume.mountpoint(), true));
  }

  /** Whether the options bind-mount a directory (o=bind or o=rbind among the mount options). */
  public static boolean isBind(Map<String, String> options) {
    return Arrays.stream(options.getOrDefault("o", "").split(","))
        .map(String::strip)
        .anyMatch(o -> o.equals("bind") || o.equals("rbind"));
  }

  /** Whether writing into one writes into the other: the same device, or nested directories. */
  public boolean overlaps(VolumeDevice other) {
    if (directory && other.directory) {
      Path mine = Path.of(device).normalize();
      Path theirs = Path.of(other.device).normalize();
      return mine.startsWith(theirs) || theirs.startsWith(mine);
    }
    return device.equals(other.device);
  }
}

package io.volback.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * LocalMountpoint decides whether a volume's files can be read directly from its Mountpoint,
 * bypassing the Engine API (several times faster). That holds when the host is reached through a
 * local unix socket and the mountpoint is a readable directory here, optionally after remapping the
 * engine's volumes folder to where it is mounted into volback's own container.
 *
 * <p>Only plain local volumes qualify (driver "local", no driver options): the mountpoint of a
 * volume with options (type=nfs, o=bind, ...) or of a plugin driver is only mounted while a
 * container uses it, so reading it directly could silently read an empty folder.
 */
public final class LocalMountpoint {
  private final Path enginePrefix;
  private final Path localPrefix;

  private LocalMountpoint(Path enginePrefix, Path localPrefix) {
    this.enginePrefix = enginePrefix;
    this.localPrefix = localPrefix;
  }

  /** Mountpoints are used as the engine reports them. */
  public static LocalMountpoint direct() {
    return new LocalMountpoint(null, null);
  }

  /**
   * Mountpoints under {@code enginePrefix} (e.g. /var/lib/docker/volumes) are looked for under
   * {@code localPrefix} instead (e.g. /host-volumes, where that folder is mounted in).
   */
  public static LocalMountpoint remapped(Path enginePrefix, Path localPrefix) {
    return new LocalMountpoint(enginePrefix.normalize(), localPrefix.normalize());
  }

  /** The directory to read the volume's files from, when this process can read it directly. */
  public Optional<Path> find(DockerHost host, VolumeInfo volume) {
    if (!host.isLocalSocket() || !isPlainLocal(volume) || volume.mountpoint().isEmpty()) {
      return Optional.empty();
    }
    Path dir = map(Path.of(volume.mountpoint()).normalize());
    return Files.isDirectory(dir) && Files.isReadable(dir) && Files.isExecutable(dir)
        ? Optional.of(dir)
        : Optional.empty();
  }

  static boolean isPlainLocal(VolumeInfo volume) {
    return volume.driver().equals("local") && volume.driverOptions().isEmpty();
  }

  Path map(Path mountpoint) {
    if (enginePrefix == null || !mountpoint.startsWith(enginePrefix)) {
      return mountpoint;
    }
    return localPrefix.resolve(enginePrefix.relativize(mountpoint));
  }
}

package io.volback.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Volumes creates, inspects and removes volumes on a Docker host. */
public final class Volumes {
  private Volumes() {}

  /** Creates the volume; fails when a volume of that name exists already. */
  public static VolumeInfo create(DockerHost host, VolumeSpec spec) throws DockerHostException {
    if (exists(host, spec.name())) {
      throw new DockerHostException(
          "cannot create volume "
              + spec.name()
              + " on Docker host "
              + host
              + ": a volume of that name exists already",
          409,
          null);
    }
    try {
      host.client()
          .createVolumeCmd()
          .withName(spec.name())
          .withDriver(spec.driver())
          .withDriverOpts(spec.driverOptions())
          .withLabels(spec.labels())
          .exec();
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "create volume " + spec.name(), e);
    }
    return VolumeDiscovery.get(host, spec.name());
  }

  public static boolean exists(DockerHost host, String name) throws DockerHostException {
    try {
      HelperContainer.requireVolume(host, name);
      return true;
    } catch (NoSuchVolumeException e) {
      return false;
    }
  }

  /** The containers that mount the volume, running or not. */
  public static List<VolumeConsumer> consumers(DockerHost host, String name)
      throws DockerHostException {
    return VolumeDiscovery.consumers(host, name);
  }

  /** Whether the volume holds nothing but its root directory, asked through the Engine API. */
  public static boolean isEmpty(DockerHost host, String name) throws IOException {
    try (InputStream archive = VolumeArchive.openRead(host, name);
        TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
      TarArchiveEntry first = tar.getNextEntry();
      return first == null || tar.getNextEntry() == null;
    }
  }

  /**
   * Like {@link #isEmpty(DockerHost, String)}, listing the mountpoint directly when it is readable.
   */
  public static boolean isEmpty(DockerHost host, String name, LocalMountpoint local)
      throws IOException {
    Optional<Path> dir = local.find(host, VolumeDiscovery.get(host, name));
    if (dir.isEmpty()) {
      return isEmpty(host, name);
    }
    try (Stream<Path> children = Files.list(dir.get())) {
      return children.findAny().isEmpty();
    }
  }

  /** Removes the volume; fails with the daemon's message when a container still uses it. */
  public static void remove(DockerHost host, String name) throws DockerHostException {
    try {
      host.client().removeVolumeCmd(name).exec();
    } catch (NotFoundException e) {
      throw new NoSuchVolumeException(name, host);
    } catch (ConflictException e) {
      throw new DockerHostException(
          "cannot remove volume "
              + name
              + " on Docker host "
              + host
              + ": it is in use by a container",
          409,
          e);
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "remove volume " + name, e);
    }
  }

  /**
   * The volumes on the host, other than {@code except}, that store their files where {@code device}
   * is (the same directory or device, or a directory nested in or around it). With resolveLocally,
   * directories are compared after resolving symlinks here.
   */
  public static List<VolumeInfo> sharingDevice(
      DockerHost host, VolumeDevice device, String except, boolean resolveLocally)
      throws DockerHostException {
    VolumeDevice mine = resolveLocally ? resolved(device) : device;
    List<VolumeInfo> sharing = new ArrayList<>();
    for (VolumeInfo volume : VolumeDiscovery.all(host)) {
      if (volume.name().equals(except)) {
        continue;
      }
      Optional<VolumeDevice> theirs = VolumeDevice.of(volume);
      if (theirs.isPresent()
          && mine.overlaps(resolveLocally ? resolved(theirs.get()) : theirs.get())) {
        sharing.add(volume);
      }
    }
    return sharing;
  }

  /**
   * Whether host paths (bind devices) can be checked from this process: the engine is on a local
   * socket and its own volumes folder is visible here, so this is not a container that merely holds
   * the engine's socket.
   */
  public static boolean hostPathsVisible(DockerHost host) {
    if (!host.isLocalSocket()) {
      return false;
    }
    try {
      String root =
          EngineApi.getJson(host, "/info", "get engine info").path("DockerRootDir").asText("");
      return !root.isEmpty() && Files.isDirectory(Path.of(root, "volumes"));
    } catch (DockerHostException | RuntimeException e) {
      return false;
    }
  }

  /** The engine's ID from /info; null when the engine does not report one. */
  public static String engineId(DockerHost host) throws DockerHostException {
    String id = EngineApi.getJson(host, "/info", "get engine info").path("ID").asText("");
    return id.isEmpty() ? null : id;
  }

  private static VolumeDevice resolved(VolumeDevice device) {
    if (!device.directory()) {
      return device;
    }
    try {
      return new VolumeDevice(Path.of(device.device()).toRealPath().toString(), true);
    } catch (IOException | RuntimeException e) {
      return device;
    }
  }

  /**
   * Removes the volume after force-removing the helper containers that mount it (the engine refuses
   * to remove a volume in use): for a volume a restore created and must not leave behind.
   */
  public static void removeWithHelpers(DockerHost host, String name) throws DockerHostException {
    try {
      host.client()
          .listContainersCmd()
          .withShowAll(true)
          .withLabelFilter(Map.of(HelperContainer.LABEL + ".volume", name))
          .exec()
          .forEach(
              c -> {
                try {
                  host.client().removeContainerCmd(c.getId()).withForce(true).exec();
                } catch (RuntimeException gone) {
                  // removed meanwhile by the helpers' own clean-up
                }
              });
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "list the helpers of volume " + name, e);
    }
    remove(host, name);
  }
}

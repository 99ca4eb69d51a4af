package io.volback.app;

import io.volback.docker.DockerHostException;
import io.volback.docker.StatScanSource;
import io.volback.docker.TarWriter;
import io.volback.docker.VolumeConsumer;
import io.volback.docker.VolumeDevice;
import io.volback.docker.VolumeInfo;
import io.volback.docker.VolumeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * VolumeHost is what the volume use cases need from one Docker host: its volumes, read as tar
 * streams or at their mountpoints, written the same ways, created and removed. app declares it so
 * that BackupVolumes and RestoreSnapshot run against a fake in tests; the layer above wires the
 * implementation over the docker package in (wiring.DockerVolumeHost).
 */
public interface VolumeHost {
  /** The host's address as snapshots record it (unix:///var/run/docker.sock, tcp://...). */
  String address();

  /**
   * The engine's ID (Docker's /info "ID"), which tells engines apart where their addresses do not
   * (unix:///var/run/docker.sock is the same on every machine); null when it cannot be told.
   */
  String engineId();

  /** All volumes of the host, named and anonymous. */
  List<VolumeInfo> volumes() throws DockerHostException;

  /** One volume; NoSuchVolumeException when there is none of that name. */
  VolumeInfo volume(String name) throws DockerHostException;

  boolean exists(String name) throws DockerHostException;

  void create(VolumeSpec spec) throws DockerHostException;

  /** Removes the volume; fails when a container still uses it. */
  void remove(String name) throws DockerHostException;

  /** Removes the volume after removing volback's own helper containers that hold it. */
  void removeWithHelpers(String name) throws DockerHostException;

  /** The containers that mount the volume. */
  List<VolumeConsumer> consumers(String name) throws DockerHostException;

  /** Whether the volume holds nothing but its root directory. */
  boolean isEmpty(String name) throws IOException;

  /** The volume's directory as this process sees it, when it can read and write it there. */
  Optional<Path> mountpoint(VolumeInfo volume);

  /** The volume's content as a tar stream whose entries start with "data/". */
  InputStream openRead(String name) throws IOException;

  /**
   * The volume read through the Docker API against its parent snapshot's entries (a stat per entry,
   * only what changed fetched: docker.StatScanSource), or empty when this host cannot stat paths
   * that way; the caller closes it.
   */
  default Optional<StatScanSource> openStatScan(
      String name, StatScanSource.ParentEntries parent, Instant racyFrom) throws IOException {
    return Optional.empty();
  }

  /** Writes the tar stream writer produces into the volume. */
  void write(String name, TarWriter writer) throws IOException;

  /** Removes helper containers an earlier run of volback left behind. */
  void removeLeftoverHelpers() throws DockerHostException;

  /** Whether host paths (bind devices) can be checked from this process. */
  boolean hostPathsVisible();

  /**
   * The volumes other than except that keep their files where device is; with resolveLocally,
   * directories are compared after resolving symlinks here.
   */
  List<VolumeInfo> sharingDevice(VolumeDevice device, String except, boolean resolveLocally)
      throws DockerHostException;

  /**
   * Runs a drill's probe: a container from probe.image() with volume mounted at probe.mount(),
   * running probe.command(), waited for at most probe.timeout() (then killed); the container is
   * removed afterwards in every case. An image missing on the host is a DockerHostException that
   * names it.
   */
  ProbeResult runProbe(String volume, ProbeSpec probe) throws IOException;
}

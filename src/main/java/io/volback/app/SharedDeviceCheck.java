package io.volback.app;

import io.volback.docker.DockerHostException;
import io.volback.docker.VolumeDevice;
import io.volback.docker.VolumeInfo;
import io.volback.docker.VolumeSpec;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * SharedDeviceCheck keeps a restore from writing into a directory or device that another volume (or
 * the snapshot's source) stores its files in. A local volume with o=bind,device=/srv/data restored
 * under a new name would be created bound to /srv/data and the restore would write into the
 * source's data; so would one whose device lies in or around another volume's directory.
 */
final class SharedDeviceCheck {
  private final VolumeHost host;
  private Boolean hostPathsVisible;

  SharedDeviceCheck(VolumeHost host) {
    this.host = host;
  }

  private boolean hostPathsVisible() {
    if (hostPathsVisible == null) {
      hostPathsVisible = host.hostPathsVisible();
    }
    return hostPathsVisible;
  }

  /**
   * Checks a volume about to be created for the snapshot; deviceOverridden: --driver-opt device=.
   */
  void checkNew(VolumeSpec spec, StoredSnapshot snap, boolean deviceOverridden)
      throws DockerHostException, OperationRefusedException {
    Optional<VolumeDevice> device = VolumeDevice.of(spec.driver(), spec.driverOptions());
    if (device.isEmpty()) {
      return;
    }
    SourceInfo source = snap.snapshot().source();
    String dev = device.get().device();
    if (!deviceOverridden && !spec.name().equals(source.name())) {
      throw new OperationRefusedException(
          "volume "
              + spec.name()
              + " would be created with the"
              + " driver options of volume "
              + source.name()
              + " (snapshot "
              + snap.id().shortHex()
              + "), so with device="
              + dev
              + ", where "
              + source.name()
              + " keeps its files: the"
              + " restore would write into them. Give the new volume a directory of its own:"
              + " --driver-opt device=/new/dir");
    }
    if (device.get().directory() && hostPathsVisible() && !Files.isDirectory(Path.of(dev))) {
      throw new UsageException(
          "volume "
              + spec.name()
              + ": its bind device "
              + dev
              + " does not exist on Docker host "
              + host.address()
              + "; create the directory first,"
              + " or pass another one with --driver-opt device=/new/dir");
    }
    refuseShared(
        spec.name(),
        device.get(),
        "would be created with device=" + dev,
        "choose another directory with --driver-opt device=/new/dir");
  }

  /** Checks an existing target volume. */
  void checkExisting(VolumeInfo target) throws DockerHostException, OperationRefusedException {
    Optional<VolumeDevice> device = VolumeDevice.of(target);
    if (device.isPresent()) {
      refuseShared(
          target.name(),
          device.get(),
          "keeps its files in " + device.get().device(),
          "restore into another volume with --to");
    }
  }

  private void refuseShared(String volume, VolumeDevice device, String what, String remedy)
      throws DockerHostException, OperationRefusedException {
    List<VolumeInfo> sharing = host.sharingDevice(device, volume, hostPathsVisible());
    if (!sharing.isEmpty()) {
      VolumeInfo other = sharing.get(0);
      throw new OperationRefusedException(
          "volume "
              + volume
              + " on "
              + host.address()
              + " "
              + what
              + ", which overlaps where volume "
              + other.name()
              + " keeps its files ("
              + VolumeDevice.of(other).map(VolumeDevice::device).orElse("?")
              + "): the restore"
              + " would write into them; "
              + remedy);
    }
  }
}

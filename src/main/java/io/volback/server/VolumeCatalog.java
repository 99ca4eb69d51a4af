package io.volback.server;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * VolumeCatalog lists the volumes the service protects with their latest snapshot, for GET
 * /api/v1/volumes. The assembly implements it from the Docker hosts and the repository.
 */
@FunctionalInterface
public interface VolumeCatalog {
  List<VolumeStatus> volumes() throws Exception;

  /**
   * VolumeStatus is one protected volume.
   *
   * @param volume the volume's name
   * @param dockerHost the Docker host's name
   * @param latestSnapshotId the id of its newest snapshot, or null when it has none
   * @param latestSnapshotTime when that snapshot was taken, or null
   */
  record VolumeStatus(
      String volume, String dockerHost, String latestSnapshotId, Instant latestSnapshotTime) {
    public VolumeStatus {
      Objects.requireNonNull(volume, "volume");
      Objects.requireNonNull(dockerHost, "dockerHost");
    }
  }
}

package io.volback.app;

import io.volback.config.CronSchedule;
import io.volback.config.PolicyConfig;
import io.volback.config.RetentionSpec;
import io.volback.docker.VolumeInfo;

/**
 * ProtectedVolume is a volume the service backs up on one Docker host, with the settings that apply
 * to it: the first policy that selects it (or none, for a volume only its labels enrol), its
 * schedule and retention (its labels over the policy's).
 *
 * @param hostName the Docker host's name in the configuration
 * @param volume the volume as the host reported it
 * @param policy the policy that selects it, or null
 * @param schedule when it is backed up
 * @param ownSchedule true when the schedule comes from its volback.schedule label (it then runs in
 *     a job of its own, not in its policy's)
 * @param retention its forget policy (RetentionSpec.NONE: never forgotten)
 */
public record ProtectedVolume(
    String hostName,
    VolumeInfo volume,
    PolicyConfig policy,
    CronSchedule schedule,
    boolean ownSchedule,
    RetentionSpec retention) {

  public String name() {
    return volume.name();
  }
}

package io.volback.app;

import io.volback.config.ConfigException;
import io.volback.config.CronSchedule;
import io.volback.config.DrillConfig;
import io.volback.config.DrillLabels;
import io.volback.config.VolumeLabels;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DrillPlan decides which of the volumes the service protects on a host are drilled, when, where
 * and with which probe: a volume's volback.drill.* labels over its policy's drill section, as its
 * volback.schedule label wins over the policy's schedule. A volume whose labels give part of a
 * probe that nothing completes (an image without a command) is left out and named as a problem.
 */
public final class DrillPlan {
  private DrillPlan() {}

  /**
   * DrilledVolume is one volume with its drill settings.
   *
   * @param volume the protected volume
   * @param schedule when it is drilled
   * @param ownSchedule true when volback.drill.schedule gives the schedule (a job of its own)
   * @param targetHost the Docker host's name the scratch volume is made on
   * @param keep keep the scratch volume
   * @param probe the probe, or null
   */
  public record DrilledVolume(
      ProtectedVolume volume,
      CronSchedule schedule,
      boolean ownSchedule,
      String targetHost,
      boolean keep,
      ProbeSpec probe) {
    public String name() {
      return volume.name();
    }
  }

  /** The drilled volumes and the problems of volumes left out. */
  public record Plan(List<DrilledVolume> volumes, List<String> problems) {}

  public static Plan of(List<ProtectedVolume> protectedVolumes, ZoneId zone) {
    List<DrilledVolume> drilled = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ProtectedVolume v : protectedVolumes) {
      DrillLabels labels;
      try {
        labels = VolumeLabels.parse(v.name(), v.volume().labels(), zone).drill();
      } catch (ConfigException e) {
        problems.addAll(e.problems());
        continue;
      }
      DrillConfig policy = v.policy() == null ? null : v.policy().drill();
      Optional<CronSchedule> schedule =
          labels.schedule().or(() -> Optional.ofNullable(policy).map(DrillConfig::schedule));
      if (schedule.isEmpty()) {
        continue;
      }
      DrillConfig.Probe base = policy == null ? null : policy.probe();
      ProbeSpec probe = null;
      if (base != null || labels.probe()) {
        String image = labels.image() != null ? labels.image() : base == null ? null : base.image();
        String command =
            labels.command() != null ? labels.command() : base == null ? null : base.command();
        String mount =
            labels.mount() != null
                ? labels.mount()
                : base == null ? DrillConfig.DEFAULT_MOUNT : base.mount();
        if (image == null || command == null) {
          problems.add(
              "volume "
                  + v.name()
                  + ": label "
                  + (image == null ? VolumeLabels.DRILL_IMAGE : VolumeLabels.DRILL_COMMAND)
                  + ": missing: a drill probe needs both "
                  + VolumeLabels.DRILL_IMAGE
                  + " and "
                  + VolumeLabels.DRILL_COMMAND
                  + " (or a probe in its policy's drill section)");
          continue;
        }
        probe = new ProbeSpec(image, command, mount, base == null ? null : base.timeout());
      }
      drilled.add(
          new DrilledVolume(
              v,
              schedule.get(),
              labels.schedule().isPresent(),
              policy == null || policy.on() == null ? v.hostName() : policy.on(),
              policy != null && policy.keep(),
              probe));
    }
    return new Plan(drilled, problems);
  }
}

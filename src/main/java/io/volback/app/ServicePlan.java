package io.volback.app;

import io.volback.config.ConfigException;
import io.volback.config.CronSchedule;
import io.volback.config.PolicyConfig;
import io.volback.config.ServiceConfig;
import io.volback.config.VolumeLabelSettings;
import io.volback.config.VolumeLabels;
import io.volback.docker.VolumeConsumer;
import io.volback.docker.VolumeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ServicePlan decides which volumes of a Docker host the service protects and with which settings,
 * from the configuration and the labels the volumes carry now (labels are re-read at every run:
 * containers and volumes come and go). A volume is protected when its volback.schedule label or a
 * policy that selects it gives it a schedule, and its volback.enable label is not false. The first
 * policy in file order that applies to the host and selects the volume is its policy; when another
 * policy selects it too (labels can make two selectors meet, which the file alone does not show),
 * the plan names both as a conflict, for the service to warn about.
 */
public final class ServicePlan {
  private final ServiceConfig config;

  public ServicePlan(ServiceConfig config) {
    this.config = config;
  }

  /**
   * Plan: the protected volumes of a host, the volumes left out because their labels are malformed
   * (each problem names the volume and the label), and the protected volumes that more than one
   * policy selects (each conflict names the volume, the host and the policies).
   */
  public record Plan(List<ProtectedVolume> volumes, List<String> problems, List<String> conflicts) {
    public Plan {
      volumes = List.copyOf(volumes);
      problems = List.copyOf(problems);
      conflicts = List.copyOf(conflicts);
    }

    public Plan(List<ProtectedVolume> volumes, List<String> problems) {
      this(volumes, problems, List.of());
    }
  }

  public Plan protect(String hostName, List<VolumeInfo> volumes) {
    List<ProtectedVolume> protectedVolumes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    for (VolumeInfo volume : volumes) {
      if (ScratchVolumes.isScratch(volume.labels())) {
        continue;
      }
      VolumeLabelSettings labels;
      try {
        labels = VolumeLabels.parse(volume.name(), volume.labels(), config.zone());
      } catch (ConfigException e) {
        problems.addAll(e.problems());
        continue;
      }
      List<PolicyConfig> selecting = policiesSelecting(hostName, volume);
      PolicyConfig policy = selecting.isEmpty() ? null : selecting.get(0);
      Optional<CronSchedule> schedule = labels.effectiveSchedule(policy);
      if (schedule.isEmpty()) {
        continue;
      }
      if (selecting.size() > 1) {
        conflicts.add(conflict(hostName, volume.name(), selecting));
      }
      protectedVolumes.add(
          new ProtectedVolume(
              hostName,
              volume,
              policy,
              schedule.get(),
              labels.schedule().isPresent(),
              labels.effectiveRetention(policy)));
    }
    return new Plan(protectedVolumes, problems, conflicts);
  }

  /** The first policy that runs on hostName and selects volume. */
  public Optional<PolicyConfig> policyOf(String hostName, VolumeInfo volume) {
    return policiesSelecting(hostName, volume).stream().findFirst();
  }

  private List<PolicyConfig> policiesSelecting(String hostName, VolumeInfo volume) {
    List<Map<String, String>> consumerLabels =
        volume.consumers().stream().map(VolumeConsumer::labels).toList();
    return config.policiesSelecting(
        hostName, volume.name(), volume.labels(), volume.anonymous(), consumerLabels);
  }

  private static String conflict(String hostName, String volume, List<PolicyConfig> selecting) {
    List<String> names = selecting.stream().map(p -> "'" + p.name() + "'").toList();
    return "volume "
        + volume
        + " on host "
        + hostName
        + " is selected by policies "
        + String.join(" and ", names)
        + "; it is backed up by policy '"
        + selecting.get(0).name()
        + "' only (the first in the file): a volume may belong to one policy only";
  }
}

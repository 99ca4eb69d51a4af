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
import java.util.Optional;

/**
 * ServicePlan decides which volumes of a Docker host the service protects and with which settings,
 * from the configuration and the labels the volumes carry now (labels are re-read at every run:
 * containers and volumes come and go). A volume is protected when its volback.schedule label or a
 * policy that selects it gives it a schedule, and its volback.enable label is not false. The first
 * policy in file order that applies to the host and selects the volume is its policy.
 */
public final class ServicePlan {
  private final ServiceConfig config;

  public ServicePlan(ServiceConfig config) {
    this.config = config;
  }

  /**
   * Plan: the protected volumes of a host, and the volumes left out because their labels are
   * malformed (each problem names the volume and the label).
   */
  public record Plan(List<ProtectedVolume> volumes, List<String> problems) {
    public Plan {
      volumes = List.copyOf(volumes);
      problems = List.copyOf(problems);
    }
  }

  public Plan protect(String hostName, List<VolumeInfo> volumes) {
    List<ProtectedVolume> protectedVolumes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (VolumeInfo volume : volumes) {
      VolumeLabelSettings labels;
      try {
        labels = VolumeLabels.parse(volume.name(), volume.labels(), config.zone());
      } catch (ConfigException e) {
        problems.addAll(e.problems());
        continue;
      }
      PolicyConfig policy = policyOf(hostName, volume).orElse(null);
      Optional<CronSchedule> schedule = labels.effectiveSchedule(policy);
      if (schedule.isEmpty()) {
        continue;
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
    return new Plan(protectedVolumes, problems);
  }

  /** The first policy that runs on hostName and selects volume. */
  public Optional<PolicyConfig> policyOf(String hostName, VolumeInfo volume) {
    List<java.util.Map<String, String>> consumerLabels =
        volume.consumers().stream().map(VolumeConsumer::labels).toList();
    return config.policiesFor(hostName).stream()
        .filter(
            p ->
                p.select()
                    .matches(volume.name(), volume.labels(), volume.anonymous(), consumerLabels))
        .findFirst();
  }
}

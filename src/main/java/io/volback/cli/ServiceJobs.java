package io.volback.cli;

import io.volback.app.DrillPlan;
import io.volback.app.ProtectedVolume;
import io.volback.config.CronSchedule;
import io.volback.config.DockerHostConfig;
import io.volback.config.MaintenanceConfig;
import io.volback.config.PolicyConfig;
import io.volback.config.ServiceConfig;
import io.volback.schedule.JobKind;
import io.volback.schedule.ServiceJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ServiceJobs turns the configuration and the volumes the service protects into the scheduler's
 * jobs: one backup job per policy and Docker host, one per volume whose volback.schedule label
 * gives it a schedule of its own, and the repository-wide forget+prune and check jobs.
 */
final class ServiceJobs {
  static final String FORGET_PRUNE = "forget-prune";
  static final String CHECK = "check";

  /** When forget+prune runs for volumes whose labels give a retention and no file schedules it. */
  static final String DEFAULT_FORGET_PRUNE = "0 30 4 * * ?";

  private ServiceJobs() {}

  static String policyJobId(String policy, String host) {
    return "backup/" + policy + "/" + host;
  }

  static String volumeJobId(String host, String volume) {
    return "volume/" + host + "/" + volume;
  }

  static String policyDrillJobId(String policy, String host) {
    return "drill/" + policy + "/" + host;
  }

  static String volumeDrillJobId(String host, String volume) {
    return "drill/" + host + "/" + volume;
  }

  /**
   * The jobs of config; protectedVolumes holds, per host name, the volumes protected on the hosts
   * that answered (a host that did not has only its policy jobs until it does).
   */
  static List<ServiceJob> of(
      ServiceConfig config, Map<String, List<ProtectedVolume>> protectedVolumes) {
    List<ServiceJob> jobs = new ArrayList<>();
    for (DockerHostConfig host : config.hosts()) {
      for (PolicyConfig policy : config.policiesFor(host.name())) {
        jobs.add(
            job(
                policyJobId(policy.name(), host.name()),
                policy.name(),
                host.name(),
                null,
                policy.schedule()));
      }
      for (ProtectedVolume v : protectedVolumes.getOrDefault(host.name(), List.of())) {
        if (v.ownSchedule()) {
          jobs.add(
              job(
                  volumeJobId(host.name(), v.name()),
                  v.policy() == null ? null : v.policy().name(),
                  host.name(),
                  v.name(),
                  v.schedule()));
        }
      }
      jobs.addAll(drillJobs(config, host, protectedVolumes.getOrDefault(host.name(), List.of())));
    }
    MaintenanceConfig maintenance = config.maintenance();
    if (maintenance.forgetPrune() != null) {
      CronSchedule s = maintenance.forgetPrune().schedule();
      jobs.add(
          new ServiceJob(FORGET_PRUNE, JobKind.FORGET_PRUNE, null, null, s.expression(), s.zone()));
    } else if (anyRetention(protectedVolumes)) {
      // A volback.retention label must mean something without a file: offen's users expect old
      // backups to go. Daily, at the hour restic's docs suggest for maintenance.
      jobs.add(
          new ServiceJob(
              FORGET_PRUNE, JobKind.FORGET_PRUNE, null, null, DEFAULT_FORGET_PRUNE, config.zone()));
    }
    if (maintenance.check() != null) {
      CronSchedule s = maintenance.check().schedule();
      jobs.add(new ServiceJob(CHECK, JobKind.CHECK, null, null, s.expression(), s.zone()));
    }
    return jobs;
  }

  /**
   * One drill job per policy with a drill section on host, one per volume whose
   * volback.drill.schedule label gives it a drill schedule of its own.
   */
  private static List<ServiceJob> drillJobs(
      ServiceConfig config, DockerHostConfig host, List<ProtectedVolume> volumes) {
    List<ServiceJob> jobs = new ArrayList<>();
    for (PolicyConfig policy : config.policiesFor(host.name())) {
      if (policy.drill() != null) {
        CronSchedule s = policy.drill().schedule();
        jobs.add(
            new ServiceJob(
                policyDrillJobId(policy.name(), host.name()),
                JobKind.DRILL,
                policy.name(),
                host.name(),
                s.expression(),
                s.zone()));
      }
    }
    for (DrillPlan.DrilledVolume v : DrillPlan.of(volumes, config.zone()).volumes()) {
      if (v.ownSchedule()) {
        ProtectedVolume pv = v.volume();
        jobs.add(
            new ServiceJob(
                volumeDrillJobId(host.name(), v.name()),
                JobKind.DRILL,
                pv.policy() == null ? null : pv.policy().name(),
                host.name(),
                v.name(),
                v.schedule().expression(),
                v.schedule().zone()));
      }
    }
    return jobs;
  }

  private static boolean anyRetention(Map<String, List<ProtectedVolume>> protectedVolumes) {
    return protectedVolumes.values().stream()
        .flatMap(List::stream)
        .anyMatch(v -> !v.retention().isEmpty());
  }

  private static ServiceJob job(
      String id, String policy, String host, String volume, CronSchedule schedule) {
    return new ServiceJob(
        id, JobKind.BACKUP, policy, host, volume, schedule.expression(), schedule.zone());
  }
}

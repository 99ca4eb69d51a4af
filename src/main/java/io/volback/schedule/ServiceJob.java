package io.volback.schedule;

import java.time.ZoneId;
import java.util.Objects;

/**
 * ServiceJob is one schedule of the service: what runs (kind, policy, Docker host) and when (a
 * Quartz cron expression in a time zone). The id is stable across restarts and across the instances
 * of a cluster, so that Quartz knows a job it already stored; two jobs never share an id.
 *
 * @param id stable unique id, e.g. "backup/db-volumes/host-a" or "check"
 * @param kind what the job does
 * @param policy the policy it belongs to; null for repository-wide jobs (forget+prune, check)
 * @param dockerHost the name of the Docker host it runs against; null for repository-wide jobs
 * @param volume the one volume it backs up (a volume with a schedule of its own), or null
 * @param cron a Quartz cron expression (seconds first: "0 0 3 * * ?")
 * @param zone the time zone the expression is read in
 */
public record ServiceJob(
    String id,
    JobKind kind,
    String policy,
    String dockerHost,
    String volume,
    String cron,
    ZoneId zone) {
  public ServiceJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cron, "cron");
    Objects.requireNonNull(zone, "zone");
  }

  /** A job of a policy, or a repository-wide one: no single volume. */
  public ServiceJob(
      String id, JobKind kind, String policy, String dockerHost, String cron, ZoneId zone) {
    this(id, kind, policy, dockerHost, null, cron, zone);
  }
}

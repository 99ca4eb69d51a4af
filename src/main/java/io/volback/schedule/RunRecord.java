package io.volback.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * RunRecord is one entry of the run history: one volume of a backup run, or one repository-wide run
 * (forget+prune, check). Fields that do not apply are null (a check has no volume and no snapshot).
 * Secrets never reach these fields: error is the message users see.
 *
 * @param runId unique id of the record
 * @param jobId the ServiceJob.id that fired it
 * @param kind what ran
 * @param policy the policy, or null
 * @param volume the volume, or null
 * @param dockerHost the Docker host's name, or null
 * @param hostname the machine name the snapshot records, or null
 * @param instance the service instance that ran it (Quartz instance id)
 * @param attempt 1 for the first attempt, 2.. for retries
 * @param start when it started
 * @param end when it ended
 * @param outcome how it ended
 * @param bytesRead bytes read from the volume (backup), or 0
 * @param bytesAdded bytes added to the repository (backup), or freed (prune, negative never), or 0
 * @param snapshotId the snapshot made, or null
 * @param error the failure's one-line message, or null
 * @param hookOutput the tail of the hooks' output, or null
 * @param scheduled the fire time the run was for (a retry or catch-up keeps its fire's), or null
 *     when not known (records written before it was kept)
 */
public record RunRecord(
    String runId,
    String jobId,
    JobKind kind,
    String policy,
    String volume,
    String dockerHost,
    String hostname,
    String instance,
    int attempt,
    Instant start,
    Instant end,
    RunOutcome outcome,
    long bytesRead,
    long bytesAdded,
    String snapshotId,
    String error,
    String hookOutput,
    Instant scheduled) {

  public Duration duration() {
    return Duration.between(start, end);
  }
}

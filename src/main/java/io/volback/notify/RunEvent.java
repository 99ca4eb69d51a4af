package io.volback.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * RunEvent is a finished run as notifications tell it: one volume of a backup, or one
 * repository-wide run. Fields that do not apply are null.
 *
 * @param job the id of the job that ran
 * @param kind what ran: "backup", "forget_prune", "check", "drill"
 * @param volume the volume, or null
 * @param hostname the machine name the snapshot records, or null
 * @param dockerHost the Docker host's name, or null
 * @param outcome how it ended
 * @param duration how long it took
 * @param error the failure's one-line message (never a secret), or null
 * @param time when it ended
 * @param snapshotId the snapshot made, or null
 */
public record RunEvent(
    String job,
    String kind,
    String volume,
    String hostname,
    String dockerHost,
    Outcome outcome,
    Duration duration,
    String error,
    Instant time,
    String snapshotId) {
  public RunEvent {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(time, "time");
  }

  /** How a run ended; PARTIAL (a snapshot that skipped something) is reported as a failure. */
  public enum Outcome {
    SUCCEEDED,
    PARTIAL,
    FAILED,
    SKIPPED;

    /** True for the outcomes people must hear of: FAILED and PARTIAL. */
    public boolean isFailure() {
      return this == FAILED || this == PARTIAL;
    }
  }
}

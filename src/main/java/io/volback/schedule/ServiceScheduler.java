package io.volback.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * ServiceScheduler runs ServiceJobs on their schedules (Quartz: a RAM job store for one instance,
 * PostgreSQL's clustered JDBC store for several), retries failed runs with backoff, catches a
 * missed fire up once, never runs two jobs of one lock key (a volume) at once, and keeps the run
 * history.
 */
public interface ServiceScheduler extends AutoCloseable {
  /** Schedules jobs (replacing this service's earlier definition of them) and starts firing. */
  void start(List<ServiceJob> jobs) throws Exception;

  boolean isStarted();

  List<ServiceJob> jobs();

  /** The next time job fires, if it is scheduled. */
  Optional<Instant> nextFireTime(String jobId);

  /** Fires job now, once, outside its schedule. False when there is no such job. */
  boolean triggerNow(String jobId) throws Exception;

  RunHistory history();

  /** The locks that keep a volume from being backed up by two runs at once. */
  VolumeLocks volumeLocks();

  /** The id of this instance (unique within a cluster). */
  String instanceId();

  /**
   * Stops firing, asks running jobs to stop (RunContext.stopRequested) and waits for them at most
   * timeout.
   */
  void shutdown(Duration timeout) throws Exception;

  @Override
  default void close() throws Exception {
    shutdown(Duration.ofSeconds(30));
  }
}

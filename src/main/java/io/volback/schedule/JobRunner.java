package io.volback.schedule;

import java.time.Instant;
import java.util.List;

/**
 * JobRunner does the work of a fired job: the scheduler decides when and where, the runner what
 * happens (back up the policy's volumes with their hooks, forget and prune, check). It is declared
 * here and implemented by the layer that assembles the service, so the scheduler runs against any
 * runner in its tests.
 */
public interface JobRunner {
  /**
   * Runs job once and returns one record per volume (backup) or one record (repository-wide jobs).
   * A run that fails as a whole throws; the scheduler records the failure and retries it, as it
   * retries a backup that returns a FAILED record.
   *
   * @param job the job that fired
   * @param context when it was due, which attempt this is, and the instance running it
   */
  List<RunRecord> run(ServiceJob job, RunContext context) throws Exception;

  /**
   * RunContext is what the scheduler knows about a fire.
   *
   * @param scheduledFireTime when the fire was due (earlier than now for a caught-up misfire)
   * @param attempt 1 for the first attempt, 2.. for retries
   * @param instance the instance id of the scheduler running it
   * @param stopRequested true once the service is shutting down: a runner stops at its next safe
   *     point (containers it stopped are started again before it returns)
   */
  record RunContext(
      Instant scheduledFireTime,
      int attempt,
      String instance,
      java.util.function.BooleanSupplier stopRequested) {}
}

package io.volback.schedule;

/**
 * RunListener hears of every finished run (metrics, notifications). Its failures are logged by the
 * scheduler, never fatal to the run.
 */
public interface RunListener {
  /** A run is starting (ping URLs' /start). */
  default void runStarted(ServiceJob job, int attempt) {}

  /** A record was made: one per volume of a backup, one per repository-wide run. */
  void runFinished(ServiceJob job, RunRecord record);
}

package io.volback.notify;

/**
 * Notifier tells the outside world about runs. Implementations never throw: a notification that
 * cannot be delivered is logged and the run goes on.
 */
public interface Notifier {
  /** A run of job is starting. */
  default void runStarted(String job) {}

  /** A run (or one volume of it) finished. */
  void runFinished(RunEvent event);
}

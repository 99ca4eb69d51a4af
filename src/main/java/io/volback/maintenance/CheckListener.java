package io.volback.maintenance;

/** CheckListener hears of a check's progress, step by step; calls may come from any thread. */
public interface CheckListener {
  CheckListener NONE = new CheckListener() {};

  /** A step starts ("packs", "read data", "snapshots"); totalBytes is known, or -1. */
  default void stepStarted(String step, long totalBytes) {}

  /** One object of the current step is checked; bytes of it were read. */
  default void objectChecked(long bytes) {}

  default void stepFinished(String step) {}
}

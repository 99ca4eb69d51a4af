package io.volback.app;

/**
 * DrillListener hears of a drill's progress: the restore's (as ProgressListener) and the drill's
 * own phases (restore, verify, probe, cleanup).
 */
public interface DrillListener extends ProgressListener {
  DrillListener NONE = new DrillListener() {};

  /** A phase of the drill of volume starts: "restore", "verify", "probe" or "cleanup". */
  default void drillPhase(String volume, String phase) {}
}

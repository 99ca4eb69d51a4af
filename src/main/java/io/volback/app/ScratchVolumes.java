package io.volback.app;

/**
 * ScratchVolumes names and labels the volumes drills restore into, so that they are told apart from
 * every other volume (never backed up, never selected by a policy) and a drill killed before its
 * cleanup leaves one that the next drill or service start removes.
 */
public final class ScratchVolumes {
  /** Every scratch volume carries this label ("true"). */
  public static final String DRILL_LABEL = "volback.drill";

  /** The source volume whose snapshot the scratch volume holds. */
  public static final String SOURCE_LABEL = "volback.drill.source";

  /** Who created it: "HOSTNAME/PID" of the volback process. */
  public static final String OWNER_LABEL = "volback.drill.owner";

  /** When it was created (ISO-8601). */
  public static final String STARTED_LABEL = "volback.drill.started";

  private ScratchVolumes() {}
}

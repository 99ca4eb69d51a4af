package io.volback.app;

import io.volback.concurrent.LocalHost;
import io.volback.docker.DockerHostException;
import io.volback.docker.VolumeInfo;
import java.time.Instant;
import java.util.List;

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

  /** Whether volume is a drill's scratch volume: never backed up, never selected by a policy. */
  public static boolean isScratch(VolumeInfo volume) {
    return "true".equals(volume.labels().get(DRILL_LABEL));
  }

  /**
   * Removes the scratch volumes on host that drills killed before their cleanup left: owned by a
   * process of this machine that is gone, or started more than 24 hours ago; never one whose owner
   * is alive. Says what it removed and what it could not.
   */
  public static Cleanup removeLeftovers(VolumeHost host) throws DockerHostException {
    return new ScratchLeftovers(LocalHost.name(), ScratchLeftovers::processAlive, Instant.now())
        .removeFrom(host);
  }

  /** Cleanup: the scratch volumes removed, and one line per volume that could not be. */
  public record Cleanup(List<String> removed, List<String> problems) {
    public Cleanup {
      removed = List.copyOf(removed);
      problems = List.copyOf(problems);
    }
  }
}

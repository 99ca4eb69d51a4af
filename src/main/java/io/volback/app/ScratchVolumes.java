package io.volback.app;

import io.volback.concurrent.ProcessOwner;
import io.volback.docker.DockerHostException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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

  private static final String PREFIX = "volback-drill-";
  // Docker takes long names, but a name is also a directory name on the engine's file system.
  private static final int MAX_SOURCE_PART = 100;

  private ScratchVolumes() {}

  /**
   * A new scratch volume's name: "volback-drill-SOURCE-8HEX", with the characters Docker does not
   * allow in a name ([a-zA-Z0-9][a-zA-Z0-9_.-]*) replaced by '-' and a long source name cut.
   */
  public static String newName(String source) {
    String part = source.replaceAll("[^a-zA-Z0-9_.-]", "-");
    if (part.length() > MAX_SOURCE_PART) {
      part = part.substring(0, MAX_SOURCE_PART);
    }
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return PREFIX + part + "-" + HexFormat.of().formatHex(random);
  }

  /** The labels of a scratch volume holding a snapshot of source, created now by this process. */
  public static Map<String, String> labels(String source, Instant started) {
    return Map.of(
        DRILL_LABEL,
        "true",
        SOURCE_LABEL,
        source,
        OWNER_LABEL,
        owner(),
        STARTED_LABEL,
        started.toString());
  }

  /** This process as OWNER_LABEL names it: "MACHINE/PID" (ProcessOwner). */
  public static String owner() {
    return ProcessOwner.current();
  }

  /** Whether labels are those of a scratch volume. */
  public static boolean isScratch(Map<String, String> labels) {
    return labels != null && "true".equals(labels.get(DRILL_LABEL));
  }

  /**
   * Removes the scratch volumes on host that drills killed before their cleanup left: owned by a
   * process of this machine that is gone, or started more than 24 hours ago; never one whose owner
   * is alive. Says what it removed and what it could not.
   */
  public static Cleanup removeLeftovers(VolumeHost host) throws DockerHostException {
    return new ScratchLeftovers(
            ProcessOwner.machine(), pid -> !ProcessOwner.isGone(pid), Instant.now())
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

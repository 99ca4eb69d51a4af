package io.volback.repo.drill;

import java.time.Instant;
import java.util.List;

/**
 * DrillRecord is the content of a drills/ object (sealed JSON, like a snapshot): one
 * disaster-recovery drill of one volume. The snapshot it restored, where it restored it (the target
 * Docker host and the scratch volume), the data age at the drill's start (RPO), how long the
 * restore and the whole drill took (RTO), what the read-back verified and what it could not
 * compare, the probe's result, and the outcome. Records are kept by the repository so that they
 * survive the loss of the service that ran them.
 */
public record DrillRecord(
    int version,
    Instant time,
    String hostname,
    String volume,
    String sourceHost,
    String snapshot,
    Instant snapshotTime,
    String targetHost,
    String scratchVolume,
    String readPath,
    double rpoSeconds,
    double restoreSeconds,
    double totalSeconds,
    long filesVerified,
    long bytesVerified,
    long mismatchCount,
    List<Mismatch> mismatches,
    List<String> notCompared,
    Probe probe,
    String outcome,
    String error,
    boolean scratchKept) {

  public static final int VERSION = 1;
  public static final String PASSED = "passed";
  public static final String FAILED = "failed";

  public DrillRecord {
    mismatches = mismatches == null ? List.of() : List.copyOf(mismatches);
    notCompared = notCompared == null ? List.of() : List.copyOf(notCompared);
  }

  public boolean passed() {
    return PASSED.equals(outcome);
  }

  /** One difference between the snapshot and what was read back, or one unreadable object. */
  public record Mismatch(String path, String problem) {}

  /** The application probe: its image, command, exit code, whether it timed out, output tail. */
  public record Probe(
      String image,
      String command,
      String mount,
      Integer exitCode,
      boolean timedOut,
      double seconds,
      String outputTail) {
    public boolean passed() {
      return !timedOut && exitCode != null && exitCode == 0;
    }
  }
}

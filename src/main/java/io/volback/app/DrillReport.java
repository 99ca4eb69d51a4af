package io.volback.app;

import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import java.time.Instant;
import java.util.List;

/**
 * DrillReport is a disaster-recovery drill as people see it, in `drill --json`, `drills --json` and
 * GET /api/v1/drills alike: the snapshot restored, the target host and scratch volume, RPO (data
 * age at the drill's start), restore time and RTO (start until verified and probed), what was
 * verified and what could not be compared, the mismatches (exact paths), the probe, and the outcome
 * ("passed" or "failed"). Secret-looking parts of the probe's command and output and of the error
 * are hidden (Redaction).
 */
public record DrillReport(
    String id,
    String shortId,
    Instant time,
    String hostname,
    String volume,
    String sourceHost,
    String snapshotId,
    Instant snapshotTime,
    String targetHost,
    String scratchVolume,
    String readPath,
    double rpoSeconds,
    double restoreSeconds,
    double rtoSeconds,
    long filesVerified,
    long bytesVerified,
    long mismatchCount,
    List<Mismatch> mismatches,
    List<String> notCompared,
    Probe probe,
    String outcome,
    String error,
    boolean scratchKept) {

  public static DrillReport of(StoredDrill stored) {
    DrillRecord d = stored.record();
    return new DrillReport(
        stored.id().hex(),
        stored.id().shortHex(),
        d.time(),
        d.hostname(),
        d.volume(),
        d.sourceHost(),
        d.snapshot(),
        d.snapshotTime(),
        d.targetHost(),
        d.scratchVolume(),
        d.readPath(),
        d.rpoSeconds(),
        d.restoreSeconds(),
        d.totalSeconds(),
        d.filesVerified(),
        d.bytesVerified(),
        d.mismatchCount(),
        d.mismatches().stream().map(m -> new Mismatch(m.path(), m.problem())).toList(),
        d.notCompared(),
        Probe.of(d.probe()),
        d.outcome(),
        Redaction.text(d.error()),
        d.scratchKept());
  }

  /** One difference found, or one unreadable object, and the file it affects. */
  public record Mismatch(String path, String problem) {}

  /** The application probe: exit_code is absent when it timed out or never ran. */
  public record Probe(
      String image,
      String command,
      String mount,
      Integer exitCode,
      boolean timedOut,
      double seconds,
      String outputTail,
      boolean passed) {
    static Probe of(DrillRecord.Probe p) {
      return p == null
          ? null
          : new Probe(
              p.image(),
              Redaction.text(p.command()),
              p.mount(),
              p.exitCode(),
              p.timedOut(),
              p.seconds(),
              Redaction.text(p.outputTail()),
              p.passed());
    }
  }
}

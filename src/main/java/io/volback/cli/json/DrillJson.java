package io.volback.cli.json;

import io.volback.app.Redaction;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import java.time.Instant;
import java.util.List;

/**
 * DrillJson is one disaster-recovery drill as `drill --json` prints it (message_type "drill", one
 * line per volume) and `drills --json` lists it (without message_type): the snapshot restored, the
 * target host and scratch volume, RPO (data age at the drill's start), restore time and RTO (start
 * until verified and probed), what was verified and what could not be compared, the mismatches
 * (exact paths), the probe, and the outcome ("passed" or "failed"). Secret-looking parts of the
 * probe's command and output are hidden.
 */
public record DrillJson(
    String messageType,
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
    List<MismatchJson> mismatches,
    List<String> notCompared,
    ProbeJson probe,
    String outcome,
    String error,
    boolean scratchKept) {

  public static DrillJson of(StoredDrill stored) {
    DrillRecord d = stored.record();
    return new DrillJson(
        null,
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
        d.mismatches().stream().map(m -> new MismatchJson(m.path(), m.problem())).toList(),
        d.notCompared(),
        ProbeJson.of(d.probe()),
        d.outcome(),
        Redaction.text(d.error()),
        d.scratchKept());
  }

  /** This record as a line of `drill --json`'s JSON-lines stream. */
  public DrillJson inStream() {
    return new DrillJson(
        "drill",
        id,
        shortId,
        time,
        hostname,
        volume,
        sourceHost,
        snapshotId,
        snapshotTime,
        targetHost,
        scratchVolume,
        readPath,
        rpoSeconds,
        restoreSeconds,
        rtoSeconds,
        filesVerified,
        bytesVerified,
        mismatchCount,
        mismatches,
        notCompared,
        probe,
        outcome,
        error,
        scratchKept);
  }

  /** MismatchJson is one difference found, or one unreadable object, and the file it affects. */
  public record MismatchJson(String path, String problem) {}

  /** ProbeJson is the application probe: exit_code is absent when it timed out or never ran. */
  public record ProbeJson(
      String image,
      String command,
      String mount,
      Integer exitCode,
      boolean timedOut,
      double seconds,
      String outputTail,
      boolean passed) {
    static ProbeJson of(DrillRecord.Probe p) {
      return p == null
          ? null
          : new ProbeJson(
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

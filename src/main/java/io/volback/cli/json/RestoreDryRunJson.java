package io.volback.cli.json;

import io.volback.app.RestoreSnapshot;
import java.util.Map;

/**
 * RestoreDryRunJson is the `dry_run` line of `restore --dry-run --json`: the snapshot, the target
 * volume and Docker host, whether the volume would be created and with which driver and options
 * (secret-looking values redacted), the write path, what would be restored, whether --delete was
 * asked for, and the refusal the real restore would give (refused, error).
 */
public record RestoreDryRunJson(
    String messageType,
    boolean dryRun,
    String snapshot,
    String shortId,
    String volume,
    String dockerHost,
    boolean create,
    String driver,
    Map<String, String> driverOptions,
    String writePath,
    long filesRestored,
    long bytesRestored,
    boolean refused,
    String error,
    boolean delete) {

  public static RestoreDryRunJson of(RestoreSnapshot.DryRun p, boolean delete) {
    return new RestoreDryRunJson(
        "dry_run",
        true,
        p.snapshot().id(),
        p.snapshot().shortId(),
        p.volume(),
        p.host(),
        p.create(),
        p.driver(),
        p.driverOptions(),
        p.writePath(),
        p.files(),
        p.bytes(),
        p.refusal() != null,
        p.refusal() == null ? null : p.refusal().getMessage(),
        delete);
  }
}

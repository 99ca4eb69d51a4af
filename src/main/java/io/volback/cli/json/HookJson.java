package io.volback.cli.json;

import io.volback.hooks.HookEvent;
import java.util.List;

/**
 * HookJson is one thing backup's hooks did (docs/json.md, "hook"): a container stopped or started
 * again, a pre or post command run, for the volumes backed up together; output is the command's
 * output tail (at most 4 KiB), left out for stop and start. dry_run is true when backup --dry-run
 * says what it would do.
 */
public record HookJson(
    String messageType,
    List<String> volumes,
    String container,
    String action,
    String outcome,
    String command,
    String message,
    String output,
    boolean failsBackup,
    Boolean dryRun) {
  public static HookJson of(HookEvent e) {
    return new HookJson(
        "hook",
        e.volumes(),
        e.container(),
        e.action().label(),
        e.outcome().label(),
        e.command(),
        e.message(),
        e.output().isEmpty() ? null : e.output(),
        e.failsBackup(),
        null);
  }

  /** What backup --dry-run would do: action and command, no outcome. */
  public static HookJson planned(
      List<String> volumes, String container, String action, String command) {
    return new HookJson("hook", volumes, container, action, null, command, null, null, false, true);
  }
}

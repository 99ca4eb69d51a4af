package io.volback.hooks;

import java.util.List;

/**
 * HookEvent is one thing hooks did to a container: stopped it, started it again, ran its pre or
 * post command. failsBackup is true when it failed and the backup fails for it (on-error fail, or a
 * container that did not start again); a failure with on-error continue is only a warning.
 *
 * @param volumes the volumes of the group the container was stopped or ran its command for
 * @param output the tail of a command's output (at most 4 KiB), or "" for stop and start
 */
public record HookEvent(
    List<String> volumes,
    String container,
    Action action,
    Outcome outcome,
    String command,
    String message,
    String output,
    boolean failsBackup) {

  /** What was done. */
  public enum Action {
    STOP,
    START,
    EXEC_PRE,
    EXEC_POST;

    public String label() {
      return switch (this) {
        case STOP -> "stop";
        case START -> "start";
        case EXEC_PRE -> "exec-pre";
        case EXEC_POST -> "exec-post";
      };
    }
  }

  /** How it ended. */
  public enum Outcome {
    OK,
    FAILED,
    TIMED_OUT;

    public String label() {
      return switch (this) {
        case OK -> "ok";
        case FAILED -> "failed";
        case TIMED_OUT -> "timed_out";
      };
    }
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }
}

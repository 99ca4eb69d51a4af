package io.volback.hooks;

/**
 * ExecResult is how a command run in a container ended: its exit code (null when it timed out or
 * the engine did not say) and the tail of its output, stdout and stderr interleaved.
 */
public record ExecResult(Long exitCode, boolean timedOut, String output) {
  public boolean ok() {
    return !timedOut && exitCode != null && exitCode == 0;
  }
}

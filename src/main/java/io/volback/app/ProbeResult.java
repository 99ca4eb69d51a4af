package io.volback.app;

import java.time.Duration;

/**
 * ProbeResult is how a probe container ended: its exit code (null when it was cut at its timeout or
 * never started), whether it timed out, how long it ran, and the tail of its output (stdout and
 * stderr as the container wrote them, bounded).
 */
public record ProbeResult(
    Integer exitCode, boolean timedOut, Duration duration, String outputTail) {
  public boolean passed() {
    return !timedOut && exitCode != null && exitCode == 0;
  }
}

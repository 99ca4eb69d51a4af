package io.volback.app;

import java.time.Duration;

/**
 * ProbeSpec is a drill's application probe: a container from image (present on the target host),
 * with the scratch volume mounted at mount, running command with sh -c (as exec hooks do, so the
 * image needs a shell); its exit code decides, and a probe still running after timeout is stopped
 * and fails.
 */
public record ProbeSpec(String image, String command, String mount, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public ProbeSpec {
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
  }
}

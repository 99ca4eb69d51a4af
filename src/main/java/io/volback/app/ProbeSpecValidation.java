package io.volback.app;

import java.time.Duration;

/**
 * ProbeSpecValidation checks a probe before a drill starts, with messages that name where each
 * field came from: the CLI options (OPTIONS), volume labels (LABELS) or a config file's keys.
 */
public final class ProbeSpecValidation {
  /** What the user calls each field of the probe where it was given. */
  public record Names(String image, String command, String mount, String timeout) {}

  public static final Names OPTIONS =
      new Names("--probe-image", "--probe-command", "--probe-mount", "--probe-timeout");

  public static final Names LABELS =
      new Names(
          "label volback.drill.image",
          "label volback.drill.command",
          "label volback.drill.mount",
          "label volback.drill.timeout");

  private ProbeSpecValidation() {}

  /** Throws a UsageException naming the first field that is wrong. */
  public static void validate(ProbeSpec probe, Names names) {
    if (isBlank(probe.image())) {
      throw new UsageException(names.image() + " is missing: name the image the probe runs");
    }
    if (isBlank(probe.command())) {
      throw new UsageException(
          names.command() + " is missing: give the command whose exit code decides the probe");
    }
    String mount = probe.mount();
    if (isBlank(mount) || !mount.startsWith("/") || mount.replaceAll("/+", "/").equals("/")) {
      throw new UsageException(
          names.mount()
              + " must be an absolute path other than / (where the probe sees the restored"
              + " volume), not '"
              + (mount == null ? "" : mount)
              + "'");
    }
    Duration timeout = probe.timeout();
    if (timeout.isZero() || timeout.isNegative()) {
      throw new UsageException(names.timeout() + " must be longer than zero, not " + timeout);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}

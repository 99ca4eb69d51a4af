package io.volback.config;

import java.time.Duration;

/**
 * DrillConfig is a policy's drill section: when its volumes are drilled, on which Docker host the
 * scratch volumes are made, whether they are kept, and the application probe.
 *
 * @param schedule when the drills run
 * @param on the name of the Docker host to restore on; null for the policy's own host
 * @param keep keep the scratch volume after the drill
 * @param probe the application probe, or null for none
 */
public record DrillConfig(CronSchedule schedule, String on, boolean keep, Probe probe) {
  public static final String DEFAULT_MOUNT = "/data";
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofMinutes(5);

  /**
   * Probe is a container that checks the restored data: image (present on the target host), the
   * command it runs with sh -c, where the scratch volume is mounted, and its timeout. A volume's
   * volback.drill.* labels may replace each part; image and command may then come from either.
   *
   * @param image the image, or null when only labels give it
   * @param command the command, or null when only labels give it
   * @param mount where the scratch volume is mounted
   * @param timeout how long it may run
   */
  public record Probe(String image, String command, String mount, Duration timeout) {
    public Probe {
      mount = mount == null ? DEFAULT_MOUNT : mount;
      timeout = timeout == null ? DEFAULT_PROBE_TIMEOUT : timeout;
    }
  }
}

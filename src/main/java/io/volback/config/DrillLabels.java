package io.volback.config;

import java.util.Optional;

/**
 * DrillLabels is what a volume's volback.drill.* labels ask of its drills: a schedule of its own
 * and the probe's image, command and mount point. Each one set replaces the policy's.
 *
 * @param schedule volback.drill.schedule, empty when not set
 * @param image volback.drill.image, or null
 * @param command volback.drill.command, or null
 * @param mount volback.drill.mount, or null
 */
public record DrillLabels(
    Optional<CronSchedule> schedule, String image, String command, String mount) {
  public static final DrillLabels NONE = new DrillLabels(Optional.empty(), null, null, null);

  /** True when a label names part of a probe. */
  public boolean probe() {
    return image != null || command != null || mount != null;
  }
}

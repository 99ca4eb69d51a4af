package io.volback.config;

import java.util.Optional;

/**
 * VolumeLabelSettings is what a volume's own volback.* labels ask for. They win over the config
 * file for that volume: a schedule or retention here replaces the policy's, and enable=false keeps
 * the volume out of every policy.
 *
 * @param enable volback.enable: true or false, empty when not set
 * @param schedule volback.schedule, empty when not set
 * @param retention volback.retention, empty when not set
 * @param drill the volback.drill.* labels
 */
public record VolumeLabelSettings(
    Optional<Boolean> enable,
    Optional<CronSchedule> schedule,
    Optional<RetentionSpec> retention,
    DrillLabels drill) {
  public static final VolumeLabelSettings NONE =
      new VolumeLabelSettings(Optional.empty(), Optional.empty(), Optional.empty());

  public VolumeLabelSettings {
    drill = drill == null ? DrillLabels.NONE : drill;
  }

  /** Settings without drill labels. */
  public VolumeLabelSettings(
      Optional<Boolean> enable,
      Optional<CronSchedule> schedule,
      Optional<RetentionSpec> retention) {
    this(enable, schedule, retention, DrillLabels.NONE);
  }

  /** False only when volback.enable=false: the volume is never backed up by the service. */
  public boolean enabled() {
    return enable.orElse(true);
  }

  /**
   * The schedule this volume is backed up on, labels first: its own volback.schedule, else the
   * schedule of the policy that selects it (null when none does); empty when it is not protected.
   */
  public Optional<CronSchedule> effectiveSchedule(PolicyConfig policy) {
    if (!enabled()) {
      return Optional.empty();
    }
    return schedule.or(() -> Optional.ofNullable(policy).map(PolicyConfig::schedule));
  }

  /** The retention of this volume, labels first, then the policy's; NONE when neither gives one. */
  public RetentionSpec effectiveRetention(PolicyConfig policy) {
    return retention.orElseGet(() -> policy == null ? RetentionSpec.NONE : policy.retention());
  }
}

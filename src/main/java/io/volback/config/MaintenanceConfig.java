package io.volback.config;

/**
 * MaintenanceConfig is the repository-wide jobs: forget+prune (each policy's retention, then prune)
 * and check. A null job is not scheduled.
 *
 * @param forgetPrune the forget+prune job, or null
 * @param check the check job, or null
 */
public record MaintenanceConfig(ForgetPrune forgetPrune, Check check) {
  public static final MaintenanceConfig NONE = new MaintenanceConfig(null, null);

  /**
   * ForgetPrune applies the retention of every policy and label, then prunes.
   *
   * @param schedule when it runs
   * @param maxUnused prune's --max-unused ("5%", "100M", "unlimited")
   */
  public record ForgetPrune(CronSchedule schedule, String maxUnused) {}

  /**
   * Check verifies the repository.
   *
   * @param schedule when it runs
   * @param readDataSubset check's --read-data-subset ("5%", "1/7"), or null to read no data
   */
  public record Check(CronSchedule schedule, String readDataSubset) {}
}

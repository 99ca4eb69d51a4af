package io.volback.config;

import java.util.List;

/**
 * PolicyConfig is one policy of the config file: which volumes on which hosts, when, how long their
 * snapshots are kept, and how they are made consistent.
 *
 * @param name the policy's unique name
 * @param hosts the names of the Docker hosts it applies to; empty for every host
 * @param select which volumes it protects
 * @param schedule when its backups run
 * @param retention the forget policy of its snapshots (RetentionSpec.NONE: never forgotten)
 * @param consistency what is done to the containers while a volume is read
 * @param tags tags added to its snapshots
 * @param readPath how volumes are read
 * @param drill its drill section, or null when its volumes are not drilled
 */
public record PolicyConfig(
    String name,
    List<String> hosts,
    VolumeSelector select,
    CronSchedule schedule,
    RetentionSpec retention,
    Consistency consistency,
    List<String> tags,
    ReadPath readPath,
    DrillConfig drill) {

  public PolicyConfig {
    hosts = List.copyOf(hosts);
    tags = List.copyOf(tags);
  }

  /** A policy without drills. */
  public PolicyConfig(
      String name,
      List<String> hosts,
      VolumeSelector select,
      CronSchedule schedule,
      RetentionSpec retention,
      Consistency consistency,
      List<String> tags,
      ReadPath readPath) {
    this(name, hosts, select, schedule, retention, consistency, tags, readPath, null);
  }

  /** True when this policy runs on the host named hostName. */
  public boolean appliesTo(String hostName) {
    return hosts.isEmpty() || hosts.contains(hostName);
  }

  /**
   * Consistency is what a policy does to the containers that mount a volume while it is backed up,
   * on top of what their own labels ask for.
   *
   * @param stop stop every container that mounts the volume (as if each had volback.stop=true)
   * @param exec commands to run in named containers
   */
  public record Consistency(boolean stop, List<ExecHook> exec) {
    public static final Consistency NONE = new Consistency(false, List.of());

    public Consistency {
      exec = List.copyOf(exec);
    }
  }

  /**
   * ExecHook is a policy's hooks for one container, by name.
   *
   * @param container the container's name
   * @param hooks what to run in it (stop is false: stopping is Consistency.stop's)
   */
  public record ExecHook(String container, ContainerHooks hooks) {}
}

package io.volback.config;

import io.volback.config.YamlNode.Mark;
import io.volback.config.YamlNode.YamlMap;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PolicyReader reads the policies section: each policy's hosts (which must exist), selector,
 * schedule, retention and consistency; then checks that names are unique and that no volume is
 * surely selected by two policies on one host.
 */
final class PolicyReader {
  private final MapReader top;
  private final Set<String> hostNames;
  private final ZoneId zone;

  PolicyReader(MapReader top, List<DockerHostConfig> hosts, ZoneId zone) {
    this.top = top;
    this.hostNames = hosts.stream().map(DockerHostConfig::name).collect(Collectors.toSet());
    this.zone = zone;
  }

  List<PolicyConfig> read() {
    List<YamlNode> items = top.list("policies");
    List<PolicyConfig> policies = new ArrayList<>();
    List<MapReader> readers = new ArrayList<>();
    Map<String, Mark> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String path = top.path("policies") + "[" + i + "]";
      Optional<MapReader> item = MapReader.ofItem(items.get(i), path, top.problems());
      if (item.isEmpty()) {
        continue;
      }
      MapReader r = item.get();
      PolicyConfig policy = policy(r);
      r.finish();
      if (policy == null) {
        continue;
      }
      Mark first = seen.putIfAbsent(policy.name(), r.markOf("name"));
      if (first != null) {
        r.problem(
            "name", "policy '" + policy.name() + "' is defined twice (first at " + first + ")");
      } else {
        policies.add(policy);
        readers.add(r);
      }
    }
    PolicyConflicts.report(policies, readers, hostNames);
    return policies;
  }

  private PolicyConfig policy(MapReader r) {
    String name = HostsReader.name(r, "policy");
    List<String> hosts = r.strings("hosts");
    for (String host : hosts) {
      if (!hostNames.contains(host)) {
        r.problem(
            "hosts",
            "unknown host '" + host + "'" + hint(host) + " (hosts: " + sorted(hostNames) + ")");
      }
    }
    VolumeSelector select = selector(r.map("select"));
    ZoneId policyZone = r.parsed("time-zone", CronSchedule::zone, zone);
    CronSchedule schedule = schedule(r, policyZone);
    RetentionSpec retention = retention(r);
    PolicyConfig.Consistency consistency = consistency(r.map("consistency"));
    List<String> tags = r.strings("tags");
    ReadPath readPath = r.choice("read-path", ReadPath.class, ReadPath.AUTO);
    DrillConfig drill = r.has("drill") ? drill(r.map("drill"), policyZone) : null;
    if (name == null || schedule == null) {
      return null;
    }
    return new PolicyConfig(
        name, hosts, select, schedule, retention, consistency, tags, readPath, drill);
  }

  /** The drill section; null when it is unusable (each problem reported at its key). */
  private DrillConfig drill(MapReader d, ZoneId zone) {
    CronSchedule schedule = schedule(d, zone);
    String on = d.string("on");
    if (on != null && !hostNames.contains(on)) {
      d.problem(
          "on", "unknown host '" + on + "'" + hint(on) + " (hosts: " + sorted(hostNames) + ")");
      on = null;
    }
    boolean keep = d.bool("keep", false);
    DrillConfig.Probe probe = d.has("probe") ? probe(d.map("probe")) : null;
    d.finish();
    return schedule == null ? null : new DrillConfig(schedule, on, keep, probe);
  }

  private static DrillConfig.Probe probe(MapReader p) {
    String image = p.string("image");
    String command = p.string("command");
    String mount = p.string("mount", DrillConfig.DEFAULT_MOUNT);
    Duration timeout = p.duration("timeout", DrillConfig.DEFAULT_PROBE_TIMEOUT);
    if (image == null || image.isBlank()) {
      p.problems()
          .add(p.mark(), p.path("image"), "missing: the image the probe runs (on the target host)");
    }
    if (command == null || command.isBlank()) {
      p.problems()
          .add(p.mark(), p.path("command"), "missing: the command the probe runs with sh -c");
    }
    if (!mount.startsWith("/")) {
      p.problem("mount", "expected an absolute path in the probe container, got '" + mount + "'");
    }
    if (timeout.isZero() || timeout.isNegative()) {
      p.problem("timeout", "must be more than zero");
    }
    p.finish();
    return new DrillConfig.Probe(image, command, mount, timeout);
  }

  /** The required schedule of r in zone; reported and null when missing or invalid. */
  static CronSchedule schedule(MapReader r, ZoneId zone) {
    if (!r.has("schedule")) {
      r.problems()
          .add(
              r.mark(),
              r.path("schedule"),
              "missing: a Quartz cron expression such as \"0 0 3 * * ?\"");
      return null;
    }
    return r.parsed("schedule", s -> CronSchedule.parse(s, zone), null);
  }

  private static VolumeSelector selector(MapReader s) {
    VolumeSelector selector =
        new VolumeSelector(
            s.strings("names"),
            s.stringMap("volume-labels"),
            s.stringMap("consumer-labels"),
            s.string("compose-project"),
            s.bool("shared-only", false),
            s.bool("anonymous", false));
    s.finish();
    return selector;
  }

  /** A mapping of rules, or the one-line form "last=3,daily=7". */
  private static RetentionSpec retention(MapReader r) {
    if (!r.has("retention")) {
      return RetentionSpec.NONE;
    }
    if (!(r.node("retention").orElseThrow() instanceof YamlMap)) {
      return r.parsed("retention", RetentionSpec::parse, RetentionSpec.NONE);
    }
    MapReader m = r.map("retention");
    Map<String, String> values = new HashMap<>();
    for (String key : RetentionSpec.KEYS) {
      String value = key.equals("keep-tags") ? null : m.string(key);
      if (value != null && valid(m, key, value)) {
        values.put(key, value);
      }
    }
    List<String> tags = m.strings("keep-tags");
    m.finish();
    return RetentionSpec.fromValues(values, tags);
  }

  /** Checks one rule alone, so that its problem points at its own key. */
  private static boolean valid(MapReader m, String key, String value) {
    try {
      RetentionSpec.fromValues(Map.of(key, value), List.of());
      return true;
    } catch (IllegalArgumentException e) {
      m.problem(key, e.getMessage());
      return false;
    }
  }

  private static PolicyConfig.Consistency consistency(MapReader c) {
    boolean stop = c.bool("stop", false);
    List<PolicyConfig.ExecHook> hooks = new ArrayList<>();
    List<YamlNode> items = c.list("exec");
    for (int i = 0; i < items.size(); i++) {
      String path = c.path("exec") + "[" + i + "]";
      Optional<MapReader> item = MapReader.ofItem(items.get(i), path, c.problems());
      if (item.isEmpty()) {
        continue;
      }
      MapReader e = item.get();
      String container = e.string("container");
      String pre = e.string("pre");
      String post = e.string("post");
      Duration timeout = e.duration("timeout", ContainerHooks.DEFAULT_TIMEOUT);
      OnError onError = e.choice("on-error", OnError.class, OnError.FAIL);
      e.finish();
      if (container == null) {
        e.problems().add(e.mark(), e.path("container"), "missing: the container to run in");
      } else if (pre == null && post == null) {
        e.problems().add(e.mark(), path, "give pre, post or both");
      } else {
        hooks.add(
            new PolicyConfig.ExecHook(
                container, new ContainerHooks(false, pre, post, timeout, onError)));
      }
    }
    c.finish();
    return new PolicyConfig.Consistency(stop, hooks);
  }

  private String hint(String host) {
    return Nearest.hint(host, hostNames);
  }

  private static String sorted(Set<String> names) {
    return names.stream().sorted().collect(Collectors.joining(", "));
  }
}

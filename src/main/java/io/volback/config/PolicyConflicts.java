package io.volback.config;

import java.util.List;
import java.util.Set;

/**
 * PolicyConflicts finds two policies that would both back up the same volume on the same host,
 * which would snapshot it twice on different schedules and retentions. Only what the file alone
 * proves is reported: a volume named literally by one policy and surely taken by another (its names
 * match and it has no label, compose or shared-only condition that could exclude it).
 */
final class PolicyConflicts {
  private PolicyConflicts() {}

  static void report(List<PolicyConfig> policies, List<MapReader> readers, Set<String> hosts) {
    for (int j = 0; j < policies.size(); j++) {
      PolicyConfig later = policies.get(j);
      for (int i = 0; i < j; i++) {
        PolicyConfig earlier = policies.get(i);
        String host = sharedHost(earlier, later, hosts);
        if (host == null) {
          continue;
        }
        for (String name : later.select().names()) {
          if (surelySelects(later.select(), name) && surelySelects(earlier.select(), name)) {
            MapReader r = readers.get(j);
            r.problems()
                .add(
                    r.markOf("select"),
                    r.path("select"),
                    "volume '"
                        + name
                        + "' on host "
                        + host
                        + " is also selected by policy '"
                        + earlier.name()
                        + "'; a volume may belong to one policy only");
          }
        }
      }
    }
  }

  private static boolean surelySelects(VolumeSelector s, String name) {
    return VolumeSelector.isLiteral(name)
        && s.matchesName(name)
        && s.volumeLabels().isEmpty()
        && s.consumerLabels().isEmpty()
        && s.composeProject() == null
        && !s.sharedOnly();
  }

  private static String sharedHost(PolicyConfig a, PolicyConfig b, Set<String> hosts) {
    return hosts.stream()
        .sorted()
        .filter(h -> a.appliesTo(h) && b.appliesTo(h))
        .findFirst()
        .orElse(null);
  }
}

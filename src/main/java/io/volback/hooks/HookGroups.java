package io.volback.hooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HookGroups splits a run's volumes into sets linked by shared hooked containers: two volumes are
 * in one set when a container with hooks (stop or exec) mounts both, directly or through a chain of
 * such containers. Each set is backed up with its containers stopped once and their commands run
 * once; volumes without hooked containers are sets of one. Sets keep the run's volume order.
 */
public final class HookGroups {
  private HookGroups() {}

  /**
   * One set of volumes and the hooked containers that mount them (each once, in first-seen order).
   */
  public record Group(List<String> volumes, List<HookedContainer> containers) {}

  public static List<Group> of(List<String> volumes, Map<String, List<HookedContainer>> hooked) {
    Map<String, String> parent = new HashMap<>();
    volumes.forEach(v -> parent.put(v, v));
    Map<String, String> firstVolumeOfContainer = new HashMap<>();
    for (String v : volumes) {
      for (HookedContainer c : hooked.getOrDefault(v, List.of())) {
        String other = firstVolumeOfContainer.putIfAbsent(c.id(), v);
        if (other != null) {
          parent.put(root(parent, v), root(parent, other));
        }
      }
    }
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (String v : volumes) {
      members.computeIfAbsent(root(parent, v), r -> new ArrayList<>()).add(v);
    }
    List<Group> groups = new ArrayList<>();
    for (List<String> set : members.values()) {
      Map<String, HookedContainer> containers = new LinkedHashMap<>();
      for (String v : set) {
        hooked.getOrDefault(v, List.of()).forEach(c -> containers.putIfAbsent(c.id(), c));
      }
      groups.add(new Group(List.copyOf(set), List.copyOf(containers.values())));
    }
    return groups;
  }

  private static String root(Map<String, String> parent, String v) {
    while (!parent.get(v).equals(v)) {
      v = parent.get(v);
    }
    return v;
  }
}

package io.volback.docker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LiveHelpers tracks the helper containers this JVM has created and not yet removed, and removes
 * them from a shutdown hook when the process is interrupted (SIGINT/SIGTERM).
 */
final class LiveHelpers {
  private static final Set<HelperContainer> LIVE = ConcurrentHashMap.newKeySet();
  private static volatile boolean hookInstalled;

  private LiveHelpers() {}

  static void add(HelperContainer helper) {
    installHook();
    LIVE.add(helper);
  }

  static void remove(HelperContainer helper) {
    LIVE.remove(helper);
  }

  static boolean contains(String containerId) {
    return LIVE.stream().anyMatch(h -> h.id().equals(containerId));
  }

  private static synchronized void installHook() {
    if (!hookInstalled) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(LiveHelpers::removeAll, "volback-helper-cleanup"));
      hookInstalled = true;
    }
  }

  private static void removeAll() {
    for (HelperContainer helper : Set.copyOf(LIVE)) {
      helper.close();
    }
  }
}

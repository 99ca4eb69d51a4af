package io.volback.docker;

import io.volback.concurrent.ShutdownCleanup;
import java.io.InterruptedIOException;

/**
 * LiveHelpers tracks the helper containers this JVM has created and not yet removed, and removes
 * them from a shutdown hook when the process is interrupted (SIGINT/SIGTERM).
 */
final class LiveHelpers {
  private static final ShutdownCleanup<HelperContainer> LIVE =
      new ShutdownCleanup<>("volback-helper-cleanup", HelperContainer::close);

  private LiveHelpers() {}

  /** Tracks helper; refuses once the process is shutting down. */
  static void add(HelperContainer helper) throws InterruptedIOException {
    LIVE.add(helper);
  }

  static void remove(HelperContainer helper) {
    LIVE.remove(helper);
  }

  static boolean contains(String containerId) {
    return LIVE.held().stream().anyMatch(h -> containerId.equals(h.id()));
  }
}

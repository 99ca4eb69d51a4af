package io.volback.hooks;

import io.volback.concurrent.ShutdownHooks;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * StoppedContainers stops containers for hooks and remembers those this JVM has stopped and not yet
 * started again, to start them from a shutdown hook when the process is interrupted (SIGINT,
 * SIGTERM), newest first. Stopping and starting hold the lock, so a container is started by exactly
 * one of the backup and the hook: the hook waits for a stop or start in flight, and a backup
 * finishing after the hook finds its containers started already. Once the hook has run, no further
 * container is stopped.
 */
final class StoppedContainers {
  private static final Map<String, ContainerOps> STOPPED = new LinkedHashMap<>();
  private static boolean hookInstalled;
  private static boolean shuttingDown;

  private StoppedContainers() {}

  /** Stops the container and remembers it; false when it was not running. */
  static synchronized boolean stop(String id, ContainerOps ops) throws IOException {
    if (shuttingDown) {
      throw new InterruptedIOException("interrupted: not stopping container " + id);
    }
    if (!hookInstalled) {
      ShutdownHooks.add("volback-restart-containers", StoppedContainers::startAll);
      hookInstalled = true;
    }
    boolean stopped = ops.stop(id);
    if (stopped) {
      STOPPED.put(id, ops);
    }
    return stopped;
  }

  /**
   * Starts the container again and forgets it; does nothing when the shutdown hook has started it
   * already.
   */
  static synchronized void start(String id, ContainerOps ops) throws IOException {
    if (STOPPED.containsKey(id)) {
      ops.start(id);
      STOPPED.remove(id);
    }
  }

  private static synchronized void startAll() {
    shuttingDown = true;
    List<Map.Entry<String, ContainerOps>> stopped = new ArrayList<>(STOPPED.entrySet());
    STOPPED.clear();
    for (int i = stopped.size() - 1; i >= 0; i--) {
      String id = stopped.get(i).getKey();
      try {
        stopped.get(i).getValue().start(id);
        System.err.println("volback: interrupted, started container " + id + " again");
      } catch (IOException | RuntimeException e) {
        System.err.println(
            "volback: error: container " + id + " did not start again: " + e.getMessage());
      }
    }
  }
}

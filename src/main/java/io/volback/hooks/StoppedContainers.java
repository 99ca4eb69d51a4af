package io.volback.hooks;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * StoppedContainers stops containers for hooks and remembers those this JVM has stopped and not yet
 * started again, to start them from a shutdown hook when the process is interrupted (SIGINT,
 * SIGTERM), newest first. Stopping holds the lock, so the shutdown hook waits for a stop in flight
 * and then starts that container too; once it has run, no further container is stopped.
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
      Runtime.getRuntime()
          .addShutdownHook(new Thread(StoppedContainers::startAll, "volback-restart-containers"));
      hookInstalled = true;
    }
    boolean stopped = ops.stop(id);
    if (stopped) {
      STOPPED.put(id, ops);
    }
    return stopped;
  }

  /** Starts the container again and forgets it. */
  static void start(String id, ContainerOps ops) throws IOException {
    ops.start(id);
    synchronized (StoppedContainers.class) {
      STOPPED.remove(id);
    }
  }

  private static void startAll() {
    List<Map.Entry<String, ContainerOps>> stopped;
    synchronized (StoppedContainers.class) {
      shuttingDown = true;
      stopped = new ArrayList<>(STOPPED.entrySet());
    }
    for (int i = stopped.size() - 1; i >= 0; i--) {
      String id = stopped.get(i).getKey();
      try {
        start(id, stopped.get(i).getValue());
        System.err.println("volback: interrupted, started container " + id + " again");
      } catch (IOException | RuntimeException e) {
        System.err.println(
            "volback: error: container " + id + " did not start again: " + e.getMessage());
      }
    }
  }
}

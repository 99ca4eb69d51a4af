package io.volback.hooks;

import java.io.IOException;
import java.time.Duration;

/**
 * ContainerOps is what hooks do to containers: stop, start, and run a command inside. Implemented
 * over the Docker API by DockerContainerOps; tests of the logic above it use a fake.
 */
public interface ContainerOps {
  /** Stops the container; false when it was not running (nothing to start again later). */
  boolean stop(String id) throws IOException;

  /** Starts the container (nothing when it runs already). */
  void start(String id) throws IOException;

  /**
   * Runs {@code sh -c command} inside the running container and waits at most timeout for it to
   * end; the exec's output tail comes back either way.
   */
  ExecResult exec(String id, String command, Duration timeout) throws IOException;
}

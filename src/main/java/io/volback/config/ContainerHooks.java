package io.volback.config;

import java.time.Duration;
import java.util.Objects;

/**
 * ContainerHooks is what one container asks for while a volume it mounts is backed up: to be
 * stopped (and started again after), and commands to run inside it before and after. They come from
 * the container's labels (volback.stop, volback.exec.pre, volback.exec.post, volback.exec.timeout,
 * volback.exec.on-error) or from a policy of the config file.
 *
 * @param stop stop the container during the backup
 * @param execPre a command run inside the container before the backup (sh -c), or null
 * @param execPost a command run inside the container after the backup (sh -c), or null
 * @param execTimeout how long each command may take
 * @param onError what a failing or timed-out command does to the backup
 */
public record ContainerHooks(
    boolean stop, String execPre, String execPost, Duration execTimeout, OnError onError) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  public static final ContainerHooks NONE =
      new ContainerHooks(false, null, null, DEFAULT_TIMEOUT, OnError.FAIL);

  public ContainerHooks {
    Objects.requireNonNull(execTimeout, "execTimeout");
    Objects.requireNonNull(onError, "onError");
  }

  public boolean isEmpty() {
    return !stop && execPre == null && execPost == null;
  }
}

package io.volback.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * ContainerHookLabels reads a container's hook labels: volback.stop=true|false, volback.exec.pre,
 * volback.exec.post, volback.exec.timeout (30s, 5m, ...) and volback.exec.on-error=fail|continue.
 */
public final class ContainerHookLabels {
  public static final String STOP = "volback.stop";
  public static final String EXEC_PRE = "volback.exec.pre";
  public static final String EXEC_POST = "volback.exec.post";
  public static final String EXEC_TIMEOUT = "volback.exec.timeout";
  public static final String EXEC_ON_ERROR = "volback.exec.on-error";

  private ContainerHookLabels() {}

  /**
   * The hooks the labels ask for (ContainerHooks.NONE when none); InvalidHookLabelException naming
   * the container and the key when a label is malformed.
   */
  public static ContainerHooks parse(String containerName, Map<String, String> labels) {
    boolean stop = parseStop(containerName, labels.get(STOP));
    String pre = command(containerName, EXEC_PRE, labels.get(EXEC_PRE));
    String post = command(containerName, EXEC_POST, labels.get(EXEC_POST));
    Duration timeout = ContainerHooks.DEFAULT_TIMEOUT;
    String timeoutText = labels.get(EXEC_TIMEOUT);
    if (timeoutText != null) {
      try {
        timeout = HookTimeout.parse(timeoutText);
      } catch (IllegalArgumentException e) {
        throw new InvalidHookLabelException(containerName, EXEC_TIMEOUT, e.getMessage());
      }
    }
    OnError onError = OnError.FAIL;
    String onErrorText = labels.get(EXEC_ON_ERROR);
    if (onErrorText != null) {
      try {
        onError = parseOnError(onErrorText);
      } catch (IllegalArgumentException e) {
        throw new InvalidHookLabelException(containerName, EXEC_ON_ERROR, e.getMessage());
      }
    }
    return new ContainerHooks(stop, pre, post, timeout, onError);
  }

  /** fail or continue (any case); IllegalArgumentException saying so otherwise. */
  public static OnError parseOnError(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "fail" -> OnError.FAIL;
      case "continue" -> OnError.CONTINUE;
      default -> throw new IllegalArgumentException("'" + text + "' is neither fail nor continue");
    };
  }

  private static boolean parseStop(String container, String value) {
    if (value == null) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new InvalidHookLabelException(
              container, STOP, "'" + value + "' is neither true nor false");
    };
  }

  private static String command(String container, String key, String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw new InvalidHookLabelException(container, key, "empty command");
    }
    return value;
  }
}

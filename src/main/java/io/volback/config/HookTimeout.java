package io.volback.config;

import java.time.Duration;

/** HookTimeout reads a hook's timeout as Go and Docker write durations: 500ms, 30s, 5m, 1h30m. */
public final class HookTimeout {
  private HookTimeout() {}

  /** The duration text means; IllegalArgumentException saying what is expected when malformed. */
  public static Duration parse(String text) {
    Duration total;
    try {
      total = Durations.parse(text == null ? "" : text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; use e.g. 30s, 5m, 1h30m or 500ms");
    }
    if (total.isZero()) {
      throw new IllegalArgumentException("'" + text + "' is zero; a hook needs time to run");
    }
    return total;
  }
}

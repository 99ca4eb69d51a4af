package io.volback.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HookTimeout reads a hook's timeout as Go and Docker write durations: 500ms, 30s, 5m, 1h30m. */
public final class HookTimeout {
  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  private HookTimeout() {}

  /** The duration text means; IllegalArgumentException saying what is expected when malformed. */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim();
    if (!WHOLE.matcher(t).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; use e.g. 30s, 5m, 1h30m or 500ms");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              });
    }
    if (total.isZero()) {
      throw new IllegalArgumentException("'" + text + "' is zero; a hook needs time to run");
    }
    return total;
  }
}

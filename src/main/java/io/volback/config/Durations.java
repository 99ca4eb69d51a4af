package io.volback.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations reads the short durations of the configuration: "500ms", "30s", "5m", "1h", "2d" and
 * sums of them ("1h30m"). A bare number is refused: its unit would be a guess.
 */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** Parses text; throws IllegalArgumentException saying what is accepted. */
  public static Duration parse(String text) {
    String t = text.strip();
    if (!WHOLE.matcher(t).matches()) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "' (expected a number and a unit: 500ms, 30s, 5m, 1h, 2d)");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(t);
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2)) {
                  case "ms" -> Duration.ofMillis(n);
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "h" -> Duration.ofHours(n);
                  default -> Duration.ofDays(n);
                });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("duration '" + text + "' is too long");
    }
    return total;
  }
}

package io.volback.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * RetentionDuration is restic's calendar duration, written {@code 1y2m3d4h}: years, months and days
 * count on the calendar of the time zone (a month back from March 31 is "February 31", i.e. March 3
 * or 2, as Go's AddDate), hours are absolute. A unit given twice keeps its last value, as restic.
 */
public record RetentionDuration(int years, int months, int days, int hours) {
  public static final RetentionDuration ZERO = new RetentionDuration(0, 0, 0, 0);

  /** Parses "6y5m234d37h" (any subset, any order); throws IllegalArgumentException naming why. */
  public static RetentionDuration parse(String text) {
    String s = text.strip();
    int years = 0;
    int months = 0;
    int days = 0;
    int hours = 0;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      if (s.charAt(i) == '-') {
        i++;
      }
      int digits = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == digits) {
        throw new IllegalArgumentException("no number found in '" + text + "'");
      }
      int num;
      try {
        num = Integer.parseInt(s.substring(start, i));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("number too large in '" + text + "'");
      }
      if (i == s.length()) {
        throw new IllegalArgumentException("no unit (y, m, d or h) after number " + num);
      }
      switch (s.charAt(i)) {
        case 'y' -> years = num;
        case 'm' -> months = num;
        case 'd' -> days = num;
        case 'h' -> hours = num;
        default ->
            throw new IllegalArgumentException(
                "invalid unit '" + s.charAt(i) + "' after number " + num + " (use y, m, d or h)");
      }
      i++;
    }
    return new RetentionDuration(years, months, days, hours);
  }

  public boolean isZero() {
    return years == 0 && months == 0 && days == 0 && hours == 0;
  }

  /** The instant this duration before reference, on reference's calendar (Go's AddDate). */
  public Instant before(ZonedDateTime reference) {
    ZonedDateTime back = LocalTimes.addDate(reference, -years, -months, -days);
    return back.toInstant().minus(Duration.ofHours(hours));
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    append(b, years, 'y');
    append(b, months, 'm');
    append(b, days, 'd');
    append(b, hours, 'h');
    return b.toString();
  }

  private static void append(StringBuilder b, int n, char unit) {
    if (n != 0) {
      b.append(n).append(unit);
    }
  }
}

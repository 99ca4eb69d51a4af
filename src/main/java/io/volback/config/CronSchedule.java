package io.volback.config;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import org.quartz.CronExpression;

/**
 * CronSchedule is a Quartz cron expression (seconds first: "0 0 3 * * ?" is 03:00 every day,
 * "*&#47;5 * * * * ?" every 5 seconds) read in a time zone. Only valid expressions are built.
 *
 * @param expression the Quartz cron expression
 * @param zone the time zone it is read in
 */
public record CronSchedule(String expression, ZoneId zone) {
  public CronSchedule {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(zone, "zone");
    validate(expression);
  }

  /** Parses expression; throws IllegalArgumentException quoting it and saying what is wrong. */
  public static CronSchedule parse(String expression, ZoneId zone) {
    return new CronSchedule(expression.strip(), zone);
  }

  /** Parses a time zone id ("Europe/Berlin", "UTC"); IllegalArgumentException names it. */
  public static ZoneId zone(String id) {
    try {
      return ZoneId.of(id.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "unknown time zone '" + id + "' (expected a region such as Europe/Berlin, or UTC)");
    }
  }

  private static void validate(String expression) {
    try {
      CronExpression.validateExpression(expression);
    } catch (ParseException e) {
      throw new IllegalArgumentException(
          "invalid cron expression '"
              + expression
              + "': "
              + e.getMessage()
              + " (Quartz cron, seconds first: \"0 0 3 * * ?\" is 03:00 daily)");
    }
  }
}

package io.volback.maintenance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;

/**
 * LocalTimes turns wall-clock times into instants the way Go's time.Date does, so that restic's
 * forget and {@code backup --time} agree with volback's to the second, also at daylight-saving
 * changes: a time in the spring gap moves forward by the gap; for a time that occurs twice in the
 * autumn, Go takes the offset in force at the wall-clock time read as UTC when that is valid (for
 * zones east of Greenwich: the later, standard-time instant), where java.time would take the
 * earlier one.
 */
public final class LocalTimes {
  private LocalTimes() {}

  /** The instant of wall-clock time local in zone, resolved as Go's time.Date. */
  public static ZonedDateTime resolve(LocalDateTime local, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    long unix = local.toEpochSecond(ZoneOffset.UTC);
    ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(unix));
    Instant utc = Instant.ofEpochSecond(unix - offset.getTotalSeconds(), local.getNano());
    if (!rules.getOffset(utc).equals(offset)) {
      offset = rules.getOffset(utc);
      utc = Instant.ofEpochSecond(unix - offset.getTotalSeconds(), local.getNano());
    }
    return utc.atZone(zone);
  }

  /**
   * Go's AddDate: the calendar fields plus years, months and days, with overflowing months and days
   * carried over (January 31 plus one month is March 3 or 2), the wall clock kept.
   */
  public static ZonedDateTime addDate(ZonedDateTime t, int years, int months, int days) {
    long monthIndex = (t.getYear() + (long) years) * 12 + (t.getMonthValue() - 1) + months;
    LocalDate first =
        LocalDate.of(
            (int) Math.floorDiv(monthIndex, 12L), (int) Math.floorMod(monthIndex, 12L) + 1, 1);
    LocalDate date = first.plusDays(t.getDayOfMonth() - 1L + days);
    return resolve(LocalDateTime.of(date, t.toLocalTime()), t.getZone());
  }
}

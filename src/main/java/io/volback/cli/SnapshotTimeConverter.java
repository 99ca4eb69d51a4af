package io.volback.cli;

import io.volback.app.UsageException;
import io.volback.maintenance.LocalTimes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;

/**
 * SnapshotTimeConverter reads backup --time: restic's "2026-01-02 15:04:05" or ISO-8601
 * "2026-01-02T15:04:05" in the local time zone (TZ), or ISO-8601 with an offset
 * ("2026-01-02T15:04:05+01:00", "...Z"). Local times at a daylight-saving change resolve as
 * restic's do.
 */
final class SnapshotTimeConverter implements ITypeConverter<Instant> {
  private static final DateTimeFormatter RESTIC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Override
  public Instant convert(String value) {
    String text = value.strip();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notWithOffset) {
      // a local time, below
    }
    for (DateTimeFormatter format :
        new DateTimeFormatter[] {RESTIC, DateTimeFormatter.ISO_LOCAL_DATE_TIME}) {
      try {
        return LocalTimes.resolve(LocalDateTime.parse(text, format), ZoneId.systemDefault())
            .toInstant();
      } catch (DateTimeParseException tryNext) {
        // the next format
      }
    }
    throw new UsageException(
        "--time '"
            + value
            + "' is not a time: use '2026-01-02 15:04:05' (local time) or ISO-8601 such as"
            + " 2026-01-02T15:04:05+01:00");
  }
}

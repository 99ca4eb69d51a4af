package io.volback.cli;

import io.volback.maintenance.RetentionDuration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** RetentionDurationConverter reads restic's durations such as 1y2m3d4h for --keep-within*. */
final class RetentionDurationConverter implements ITypeConverter<RetentionDuration> {
  @Override
  public RetentionDuration convert(String value) {
    try {
      return RetentionDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration such as 1y2m3d4h: " + e.getMessage());
    }
  }
}

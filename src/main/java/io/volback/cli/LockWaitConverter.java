package io.volback.cli;

import io.volback.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** --retry-lock: 0s (do not wait), 30s, 5m, 1h30m; at most a day. */
final class LockWaitConverter implements ITypeConverter<Duration> {
  private static final Duration MAX = Duration.ofDays(1);

  @Override
  public Duration convert(String value) {
    Duration wait;
    try {
      wait = Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
    if (wait.compareTo(MAX) > 0) {
      throw new TypeConversionException("'" + value + "' is longer than a day");
    }
    return wait;
  }
}

package io.volback.cli;

import io.volback.app.ReadPath;
import io.volback.app.UsageException;
import java.util.Locale;

/** ReadPaths parses auto|api|mountpoint. */
final class ReadPaths {
  private ReadPaths() {}

  static ReadPath parse(String value, String option) {
    try {
      return ReadPath.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + " takes auto, api or mountpoint, not '" + value + "'");
    }
  }
}

package io.volback.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Format renders sizes, rates and times for people. */
final class Format {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private Format() {}

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format("%.1f %s", v, units[u]);
  }

  /** n with the singular or plural noun: "1 file", "2 files". */
  static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  static String time(Instant t) {
    return TIME.format(t);
  }

  static String duration(long millis) {
    long s = millis / 1000;
    if (s < 60) {
      return String.format("%.1fs", millis / 1000.0);
    }
    return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  static String rate(long bytes, long millis) {
    return millis <= 0 ? "-" : bytes(bytes * 1000 / millis) + "/s";
  }
}

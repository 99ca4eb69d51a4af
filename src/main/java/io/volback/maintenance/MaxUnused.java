package io.volback.maintenance;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MaxUnused is how much unused space prune may leave in partly used packs: a share of the
 * repository ("5%", restic's default), an absolute size ("100M", "2GiB") or "unlimited" (repack
 * nothing).
 */
public final class MaxUnused {
  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*([kmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);
  // After the patterns: parse uses them.
  public static final MaxUnused DEFAULT = parse("5%");

  private final String text;
  private final double percent;
  private final long bytes;

  private MaxUnused(String text, double percent, long bytes) {
    this.text = text;
    this.percent = percent;
    this.bytes = bytes;
  }

  /** Parses unlimited, N% (0 to below 100) or SIZE (bytes, or with k/m/g/t, binary units). */
  public static MaxUnused parse(String text) {
    String t = text.strip();
    if (t.equalsIgnoreCase("unlimited")) {
      return new MaxUnused(t, -1, Long.MAX_VALUE);
    }
    Matcher m = PERCENT.matcher(t);
    if (m.matches()) {
      double p = Double.parseDouble(m.group(1));
      if (p >= 100) {
        throw new IllegalArgumentException(
            "--max-unused " + text + ": a share must be below 100% (use 'unlimited')");
      }
      return new MaxUnused(t, p, -1);
    }
    m = SIZE.matcher(t);
    if (m.matches()) {
      int shift =
          switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
          };
      return new MaxUnused(t, -1, Long.parseLong(m.group(1)) << shift);
    }
    throw new IllegalArgumentException(
        "--max-unused " + text + " is not 'unlimited', a share such as 5% or a size such as 500M");
  }

  /**
   * The unused bytes that may stay when usedBytes are used: a share p means unused / (used +
   * unused) at most p, as restic computes it.
   */
  public long limit(long usedBytes) {
    if (percent < 0) {
      return bytes;
    }
    return (long) (percent / (100 - percent) * usedBytes);
  }

  @Override
  public String toString() {
    return text;
  }
}

package io.volback.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * RetentionSpec is the forget policy of one policy or volume, as restic's --keep-* options: counts
 * (0 keeps none by that rule, -1 every one), durations written as restic writes them ("2d", "1y6m",
 * "36h") and tags whose snapshots are always kept ("a,b" needs both). The durations stay text here:
 * the maintenance package turns them into its RetentionDuration.
 */
public record RetentionSpec(
    int last,
    int hourly,
    int daily,
    int weekly,
    int monthly,
    int yearly,
    String within,
    String withinHourly,
    String withinDaily,
    String withinWeekly,
    String withinMonthly,
    String withinYearly,
    List<String> keepTags) {

  /** The names of the rules, as written in the config file and in labels. */
  public static final List<String> KEYS =
      List.of(
          "last",
          "hourly",
          "daily",
          "weekly",
          "monthly",
          "yearly",
          "within",
          "within-hourly",
          "within-daily",
          "within-weekly",
          "within-monthly",
          "within-yearly",
          "keep-tags");

  // Before NONE: the constructor uses it.
  private static final Pattern DURATION = Pattern.compile("(?:\\d+[ymdh])+");

  public static final RetentionSpec NONE = fromValues(Map.of(), List.of());

  public RetentionSpec {
    keepTags = List.copyOf(keepTags);
    for (int count : new int[] {last, hourly, daily, weekly, monthly, yearly}) {
      if (count < -1) {
        throw new IllegalArgumentException(
            "a count of " + count + " is negative (use -1 to keep every one)");
      }
    }
    for (String d : new String[] {within, withinHourly, withinDaily, withinWeekly, withinMonthly}) {
      checkDuration(d);
    }
    checkDuration(withinYearly);
  }

  /** True when no rule is given: forget would keep nothing, so such a spec means "no forget". */
  public boolean isEmpty() {
    return last == 0
        && hourly == 0
        && daily == 0
        && weekly == 0
        && monthly == 0
        && yearly == 0
        && within == null
        && withinHourly == null
        && withinDaily == null
        && withinWeekly == null
        && withinMonthly == null
        && withinYearly == null
        && keepTags.isEmpty();
  }

  /**
   * Parses the one-line form "last=3,daily=7,within=2d,keep-tags=keep" (labels and the config
   * file's string form). keep-tags may repeat; its value is one tag list joined by '+' ("a+b" needs
   * both), since ',' separates the rules. Throws IllegalArgumentException naming the bad part.
   */
  public static RetentionSpec parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> tags = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1) {
        throw new IllegalArgumentException(
            "'" + p + "' in '" + text + "' is not RULE=VALUE (e.g. last=3,daily=7,weekly=4)");
      }
      String key = p.substring(0, eq).strip();
      String value = p.substring(eq + 1).strip();
      if (key.equals("keep-tags") || key.equals("keep-tag")) {
        tags.add(value.replace('+', ','));
      } else if (values.put(key, value) != null) {
        throw new IllegalArgumentException("rule '" + key + "' given twice in '" + text + "'");
      }
    }
    return fromValues(values, tags);
  }

  /** Builds a spec from rule name to value (counts and durations) and keep-tags. */
  static RetentionSpec fromValues(Map<String, String> values, List<String> keepTags) {
    for (String key : values.keySet()) {
      if (!KEYS.contains(key) || key.equals("keep-tags")) {
        throw new IllegalArgumentException(
            "unknown retention rule '" + key + "'" + Nearest.hint(key, KEYS));
      }
    }
    return new RetentionSpec(
        count(values, "last"),
        count(values, "hourly"),
        count(values, "daily"),
        count(values, "weekly"),
        count(values, "monthly"),
        count(values, "yearly"),
        values.get("within"),
        values.get("within-hourly"),
        values.get("within-daily"),
        values.get("within-weekly"),
        values.get("within-monthly"),
        values.get("within-yearly"),
        keepTags);
  }

  private static int count(Map<String, String> values, String key) {
    String v = values.get(key);
    if (v == null) {
      return 0;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + "=" + v + " is not a whole number (a count, or -1 for every one)");
    }
  }

  private static void checkDuration(String d) {
    if (d != null && !DURATION.matcher(d).matches()) {
      throw new IllegalArgumentException(
          "invalid retention duration '"
              + d
              + "' (restic's form: numbers with y, m, d or h, e.g. 2d, 1y6m, 36h)");
    }
  }
}

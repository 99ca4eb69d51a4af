package io.volback.maintenance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RetentionPolicy is restic's forget policy. Counts: keep the newest n snapshots (last), and the
 * newest snapshot of each of the n newest hours, days, ISO weeks, months and years that have one; 0
 * means not at all, -1 every bucket. Durations (within*) are measured back from the newest
 * snapshot: within keeps every snapshot newer than that, withinDaily and the like the newest of
 * each bucket newer than that. keepTags keeps every snapshot that has all the tags of one of its
 * entries ("a,b" needs both).
 */
public record RetentionPolicy(
    int last,
    int hourly,
    int daily,
    int weekly,
    int monthly,
    int yearly,
    RetentionDuration within,
    RetentionDuration withinHourly,
    RetentionDuration withinDaily,
    RetentionDuration withinWeekly,
    RetentionDuration withinMonthly,
    RetentionDuration withinYearly,
    List<String> keepTags) {

  public static final RetentionPolicy NONE = builder().build();

  public RetentionPolicy {
    within = orZero(within);
    withinHourly = orZero(withinHourly);
    withinDaily = orZero(withinDaily);
    withinWeekly = orZero(withinWeekly);
    withinMonthly = orZero(withinMonthly);
    withinYearly = orZero(withinYearly);
    keepTags = keepTags == null ? List.of() : List.copyOf(keepTags);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The counts in restic's bucket order: last, hourly, daily, weekly, monthly, yearly. */
  int[] counts() {
    return new int[] {last, hourly, daily, weekly, monthly, yearly};
  }

  /** The within-bucket durations in restic's order: hourly, daily, weekly, monthly, yearly. */
  RetentionDuration[] withinBuckets() {
    return new RetentionDuration[] {
      withinHourly, withinDaily, withinWeekly, withinMonthly, withinYearly
    };
  }

  /** True when no keep option is given: such a policy would keep nothing. */
  public boolean isEmpty() {
    return Arrays.stream(counts()).allMatch(c -> c == 0)
        && within.isZero()
        && Arrays.stream(withinBuckets()).allMatch(RetentionDuration::isZero)
        && keepTags.isEmpty();
  }

  /** The first count that is neither a count nor -1, named by its option; null when all are. */
  public String invalidCount() {
    String[] names = {"last", "hourly", "daily", "weekly", "monthly", "yearly"};
    int[] counts = counts();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < -1) {
        return "--keep-" + names[i] + " " + counts[i] + " is negative; use -1 for unlimited";
      }
    }
    return null;
  }

  /**
   * The policy in words, as restic prints it: "keep 7 daily snapshots, all snapshots within 1d".
   */
  public String describe() {
    String[] names = {"latest", "hourly", "daily", "weekly", "monthly", "yearly"};
    List<String> keeps = new ArrayList<>();
    int[] counts = counts();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        keeps.add(counts[i] + " " + names[i]);
      } else if (counts[i] == -1) {
        keeps.add("all " + names[i]);
      }
    }
    List<String> withinParts = new ArrayList<>();
    String[] bucketNames = {"hourly", "daily", "weekly", "monthly", "yearly"};
    RetentionDuration[] withins = withinBuckets();
    for (int i = 0; i < withins.length; i++) {
      if (!withins[i].isZero()) {
        withinParts.add(bucketNames[i] + " snapshots within " + withins[i]);
      }
    }
    List<String> parts = new ArrayList<>();
    if (!keeps.isEmpty()) {
      parts.add(String.join(", ", keeps) + " snapshots");
    }
    parts.addAll(withinParts);
    String s = String.join(", ", parts);
    if (!keepTags.isEmpty()) {
      s += (s.isEmpty() ? "" : " and ") + "all snapshots with tags " + keepTags;
    }
    if (!within.isZero()) {
      s += (s.isEmpty() ? "" : " and ") + "all snapshots within " + within + " of the newest";
    }
    return "keep " + s;
  }

  private static RetentionDuration orZero(RetentionDuration d) {
    return d == null ? RetentionDuration.ZERO : d;
  }

  /** Builder names each option; unset ones are 0 or zero durations. */
  public static final class Builder {
    private final int[] counts = new int[6];
    private final RetentionDuration[] withins = new RetentionDuration[6];
    private final List<String> tags = new ArrayList<>();

    public Builder last(int n) {
      counts[0] = n;
      return this;
    }

    public Builder hourly(int n) {
      counts[1] = n;
      return this;
    }

    public Builder daily(int n) {
      counts[2] = n;
      return this;
    }

    public Builder weekly(int n) {
      counts[3] = n;
      return this;
    }

    public Builder monthly(int n) {
      counts[4] = n;
      return this;
    }

    public Builder yearly(int n) {
      counts[5] = n;
      return this;
    }

    public Builder within(RetentionDuration d) {
      withins[0] = d;
      return this;
    }

    public Builder withinHourly(RetentionDuration d) {
      withins[1] = d;
      return this;
    }

    public Builder withinDaily(RetentionDuration d) {
      withins[2] = d;
      return this;
    }

    public Builder withinWeekly(RetentionDuration d) {
      withins[3] = d;
      return this;
    }

    public Builder withinMonthly(RetentionDuration d) {
      withins[4] = d;
      return this;
    }

    public Builder withinYearly(RetentionDuration d) {
      withins[5] = d;
      return this;
    }

    /** Keeps snapshots with all of these comma-separated tags (repeatable: any of the lists). */
    public Builder keepTag(String tagList) {
      tags.add(tagList);
      return this;
    }

    public RetentionPolicy build() {
      return new RetentionPolicy(
          counts[0],
          counts[1],
          counts[2],
          counts[3],
          counts[4],
          counts[5],
          withins[0],
          withins[1],
          withins[2],
          withins[3],
          withins[4],
          withins[5],
          tags);
    }
  }
}

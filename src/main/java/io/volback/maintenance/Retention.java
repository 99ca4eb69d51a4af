package io.volback.maintenance;

import io.volback.repo.snapshot.StoredSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Retention applies a policy to one group of snapshots exactly as restic's ApplyPolicy (0.17):
 * snapshots newest first; a snapshot is kept when it has the tags of a keepTags entry, is newer
 * than within before the newest snapshot, or opens a new bucket (hour, day, ISO week, month, year,
 * in the given time zone) for a count with buckets left or a within-bucket duration it falls in.
 * When a count still has buckets left at the oldest snapshot, that snapshot is kept as well
 * ("oldest daily snapshot"), so a young repository keeps its history. The newest snapshot is the
 * newest one not after now (restic ignores snapshots from the future there).
 */
public final class Retention {
  private static final String[] COUNT_REASONS = {
    "last snapshot",
    "hourly snapshot",
    "daily snapshot",
    "weekly snapshot",
    "monthly snapshot",
    "yearly snapshot"
  };
  private static final String[] WITHIN_REASONS = {
    "hourly within", "daily within", "weekly within", "monthly within", "yearly within"
  };
  private static final List<BiFunction<ZonedDateTime, Integer, Long>> COUNT_BUCKETS =
      List.of(
          (t, nr) -> (long) nr,
          Retention::hour,
          Retention::day,
          Retention::week,
          Retention::month,
          Retention::year);
  private static final List<BiFunction<ZonedDateTime, Integer, Long>> WITHIN_BUCKETS =
      COUNT_BUCKETS.subList(1, 6);

  private Retention() {}

  /** Kept is a snapshot the policy keeps, with every reason it matched. */
  public record Kept(StoredSnapshot snapshot, List<String> reasons) {
    public Kept {
      reasons = List.copyOf(reasons);
    }
  }

  /** Decision is a group's kept snapshots (with reasons) and those to remove, newest first. */
  public record Decision(List<Kept> keep, List<StoredSnapshot> remove) {
    public Decision {
      keep = List.copyOf(keep);
      remove = List.copyOf(remove);
    }
  }

  /** Applies policy to the snapshots of one group; buckets are taken in zone. */
  public static Decision apply(
      List<StoredSnapshot> group, RetentionPolicy policy, ZoneId zone, Instant now) {
    List<StoredSnapshot> list = newestFirst(group);
    if (list.isEmpty()) {
      return new Decision(List.of(), List.of());
    }
    int[] counts = policy.counts();
    long[] lastCount = new long[counts.length];
    Arrays.fill(lastCount, Long.MIN_VALUE);
    RetentionDuration[] withins = policy.withinBuckets();
    long[] lastWithin = new long[withins.length];
    Arrays.fill(lastWithin, Long.MIN_VALUE);
    ZonedDateTime newest = newest(list, now, zone);

    List<Kept> keep = new ArrayList<>();
    List<StoredSnapshot> remove = new ArrayList<>();
    for (int nr = 0; nr < list.size(); nr++) {
      StoredSnapshot cur = list.get(nr);
      ZonedDateTime time = cur.snapshot().time().atZone(zone);
      boolean oldest = nr == list.size() - 1;
      List<String> reasons = new ArrayList<>();
      for (String tags : policy.keepTags()) {
        List<String> wanted = tagList(tags);
        if (cur.snapshot().tags().containsAll(wanted)) {
          reasons.add("has tags " + wanted);
        }
      }
      if (!policy.within().isZero() && isAfter(time, policy.within(), newest)) {
        reasons.add("within " + policy.within());
      }
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0 || counts[i] == -1) {
          long bucket = COUNT_BUCKETS.get(i).apply(time, nr);
          if (bucket != lastCount[i] || oldest) {
            reasons.add(bucket == lastCount[i] ? "oldest " + COUNT_REASONS[i] : COUNT_REASONS[i]);
            lastCount[i] = bucket;
            if (counts[i] > 0) {
              counts[i]--;
            }
          }
        }
      }
      for (int i = 0; i < withins.length; i++) {
        if (!withins[i].isZero() && isAfter(time, withins[i], newest)) {
          long bucket = WITHIN_BUCKETS.get(i).apply(time, nr);
          if (bucket != lastWithin[i]) {
            reasons.add(WITHIN_REASONS[i] + " " + withins[i]);
            lastWithin[i] = bucket;
          }
        }
      }
      if (reasons.isEmpty()) {
        remove.add(cur);
      } else {
        keep.add(new Kept(cur, reasons));
      }
    }
    return new Decision(keep, remove);
  }

  /** Newest first; equal times in id order, so that the decision does not depend on listing. */
  static List<StoredSnapshot> newestFirst(List<StoredSnapshot> group) {
    List<StoredSnapshot> list = new ArrayList<>(group);
    list.sort(
        Comparator.comparing((StoredSnapshot s) -> s.snapshot().time())
            .reversed()
            .thenComparing(StoredSnapshot::id));
    return list;
  }

  /** The newest snapshot time not after now; null when every snapshot is in the future. */
  private static ZonedDateTime newest(List<StoredSnapshot> list, Instant now, ZoneId zone) {
    return list.stream()
        .map(s -> s.snapshot().time())
        .filter(t -> t.isBefore(now))
        .max(Comparator.naturalOrder())
        .map(t -> t.atZone(zone))
        .orElse(null);
  }

  /** Whether time is after duration before newest (every time is, when there is no newest). */
  private static boolean isAfter(ZonedDateTime time, RetentionDuration d, ZonedDateTime newest) {
    return newest == null || time.toInstant().isAfter(d.before(newest));
  }

  static List<String> tagList(String tags) {
    return Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }

  private static long hour(ZonedDateTime t, int nr) {
    return day(t, nr) * 100 + t.getHour();
  }

  private static long day(ZonedDateTime t, int nr) {
    return month(t, nr) * 100 + t.getDayOfMonth();
  }

  private static long week(ZonedDateTime t, int nr) {
    return t.get(IsoFields.WEEK_BASED_YEAR) * 100L + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }

  private static long month(ZonedDateTime t, int nr) {
    return year(t, nr) * 100 + t.getMonthValue();
  }

  private static long year(ZonedDateTime t, int nr) {
    return t.getYear();
  }
}

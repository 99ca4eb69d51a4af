package io.volback.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.Id;
import io.volback.repo.snapshot.Snapshot;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** restic's forget policy over synthetic snapshot dates, in Europe/Berlin unless said otherwise. */
class RetentionTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static StoredSnapshot at(String local, String... tags) {
    return at(
        LocalTimes.resolve(LocalDateTime.parse(local.replace(' ', 'T')), BERLIN).toInstant(), tags);
  }

  private static StoredSnapshot at(Instant time, String... tags) {
    return snapshot(time, "vm1", "www", tags);
  }

  private static StoredSnapshot snapshot(Instant time, String host, String volume, String... tags) {
    Snapshot s =
        new Snapshot(
            1,
            time,
            host,
            "root",
            SourceInfo.directory(volume, "/" + volume),
            List.of(tags),
            List.of(),
            null,
            null,
            null);
    Id id =
        Id.sha256((time + host + volume + Arrays.toString(tags)).getBytes(StandardCharsets.UTF_8));
    return new StoredSnapshot(id, s);
  }

  private static Retention.Decision apply(RetentionPolicy policy, StoredSnapshot... snapshots) {
    return Retention.apply(List.of(snapshots), policy, BERLIN, NOW);
  }

  /** The kept snapshots as "time: reason, reason", newest first, times in Berlin. */
  private static List<String> kept(Retention.Decision d) {
    List<String> out = new ArrayList<>();
    for (Retention.Kept k : d.keep()) {
      out.add(local(k.snapshot()) + ": " + String.join(", ", k.reasons()));
    }
    return out;
  }

  private static List<String> removed(Retention.Decision d) {
    return d.remove().stream().map(RetentionTest::local).toList();
  }

  private static String local(StoredSnapshot s) {
    return s.snapshot().time().atZone(BERLIN).toLocalDateTime().toString().replace('T', ' ');
  }

  @Test
  void severalSnapshotsInOneDayKeepTheNewestOfTheDay() {
    var d =
        apply(
            RetentionPolicy.builder().daily(2).build(),
            at("2026-01-01 09:00:00"),
            at("2026-01-02 09:00:00"),
            at("2026-01-02 18:00:00"),
            at("2026-01-03 08:00:00"),
            at("2026-01-03 20:00:00"));
    assertThat(kept(d))
        .containsExactly("2026-01-03 20:00: daily snapshot", "2026-01-02 18:00: daily snapshot");
    assertThat(removed(d))
        .containsExactly("2026-01-03 08:00", "2026-01-02 09:00", "2026-01-01 09:00");
  }

  @Test
  void aMonthEndsAtLocalMidnightNotAtUtcMidnight() {
    // 00:30 on February 1 in Berlin is still January 31 in UTC.
    StoredSnapshot feb = at("2026-02-01 00:30:00");
    StoredSnapshot jan = at("2026-01-31 23:30:00");
    StoredSnapshot older = at("2026-01-15 12:00:00");
    RetentionPolicy monthly = RetentionPolicy.builder().monthly(2).build();
    assertThat(kept(apply(monthly, feb, jan, older)))
        .containsExactly(
            "2026-02-01 00:30: monthly snapshot", "2026-01-31 23:30: monthly snapshot");
    Retention.Decision inUtc =
        Retention.apply(List.of(feb, jan, older), monthly, ZoneId.of("UTC"), NOW);
    assertThat(inUtc.keep()).extracting(Retention.Kept::snapshot).containsExactly(feb, older);
  }

  @Test
  void weeksAreIsoWeeksAcrossTheYearEnd() {
    // 2025-12-29 (Monday) to 2026-01-04 are ISO week 2026-W01; 2025-12-28 is 2025-W52.
    var d =
        apply(
            RetentionPolicy.builder().weekly(2).yearly(3).build(),
            at("2025-12-28 12:00:00"),
            at("2025-12-29 12:00:00"),
            at("2025-12-31 12:00:00"),
            at("2026-01-01 12:00:00"));
    assertThat(kept(d))
        .containsExactly(
            "2026-01-01 12:00: weekly snapshot, yearly snapshot",
            "2025-12-31 12:00: yearly snapshot",
            "2025-12-28 12:00: weekly snapshot, oldest yearly snapshot");
    assertThat(removed(d)).containsExactly("2025-12-29 12:00");
  }

  @Test
  void hoursFollowTheLocalClockThroughDaylightSavingChanges() {
    // Spring: 02:00 CET jumps to 03:00 CEST, so 01:30 and 03:30 are an hour apart but two hours.
    var spring =
        apply(
            RetentionPolicy.builder().hourly(2).build(),
            at("2026-03-28 12:00:00"),
            at("2026-03-29 01:30:00"),
            at("2026-03-29 03:30:00"));
    assertThat(kept(spring))
        .containsExactly("2026-03-29 03:30: hourly snapshot", "2026-03-29 01:30: hourly snapshot");
    // Autumn: 02:30 happens twice (CEST, then CET): one local hour, one bucket.
    StoredSnapshot firstPass = at(Instant.parse("2026-10-25T00:30:00Z"));
    StoredSnapshot secondPass = at(Instant.parse("2026-10-25T01:30:00Z"));
    var autumn =
        apply(
            RetentionPolicy.builder().hourly(2).build(),
            at("2026-10-24 12:00:00"),
            firstPass,
            secondPass);
    assertThat(autumn.keep())
        .extracting(Retention.Kept::snapshot)
        .containsExactly(secondPass, at("2026-10-24 12:00:00"));
    assertThat(autumn.remove()).containsExactly(firstPass);
  }

  @Test
  void keepWithinCountsCalendarDaysSoADaylightSavingDayHas23Hours() {
    // One day before 2026-03-29 12:00 CEST is 2026-03-28 12:00 CET: 23 hours earlier.
    var d =
        apply(
            RetentionPolicy.builder().within(RetentionDuration.parse("1d")).build(),
            at("2026-03-28 11:30:00"),
            at("2026-03-28 12:30:00"),
            at("2026-03-29 12:00:00"));
    assertThat(kept(d))
        .containsExactly("2026-03-29 12:00: within 1d", "2026-03-28 12:30: within 1d");
    assertThat(removed(d)).containsExactly("2026-03-28 11:30");
  }

  @Test
  void keepWithinExcludesASnapshotExactlyAtTheBoundary() {
    var d =
        apply(
            RetentionPolicy.builder().within(RetentionDuration.parse("2d")).build(),
            at("2026-01-08 12:00:00"),
            at("2026-01-08 12:00:01"),
            at("2026-01-10 12:00:00"));
    assertThat(removed(d)).containsExactly("2026-01-08 12:00");
    assertThat(d.keep()).hasSize(2);
  }

  @Test
  void keepWithinAMonthCarriesOverflowingDaysAsRestic() {
    // March 31 minus one month is "February 31", which is March 3.
    var d =
        apply(
            RetentionPolicy.builder().within(RetentionDuration.parse("1m")).build(),
            at("2026-03-02 12:00:00"),
            at("2026-03-03 12:00:01"),
            at("2026-03-31 12:00:00"));
    assertThat(removed(d)).containsExactly("2026-03-02 12:00");
  }

  @Test
  void keepWithinBucketsKeepTheNewestOfEachBucketInTheDuration() {
    var d =
        apply(
            RetentionPolicy.builder().withinDaily(RetentionDuration.parse("2d")).build(),
            at("2026-01-07 12:00:00"),
            at("2026-01-08 18:00:00"),
            at("2026-01-09 08:00:00"),
            at("2026-01-09 20:00:00"),
            at("2026-01-10 12:00:00"));
    assertThat(kept(d))
        .containsExactly(
            "2026-01-10 12:00: daily within 2d",
            "2026-01-09 20:00: daily within 2d",
            "2026-01-08 18:00: daily within 2d");
    assertThat(removed(d)).containsExactly("2026-01-09 08:00", "2026-01-07 12:00");
  }

  @Test
  void keepTagNeedsAllTagsOfOneList() {
    var d =
        apply(
            RetentionPolicy.builder().keepTag("a,b").keepTag("keep").build(),
            at("2026-01-01 12:00:00", "a"),
            at("2026-01-02 12:00:00", "a", "b"),
            at("2026-01-03 12:00:00", "keep"),
            at("2026-01-04 12:00:00"));
    assertThat(kept(d))
        .containsExactly("2026-01-03 12:00: has tags [keep]", "2026-01-02 12:00: has tags [a, b]");
    assertThat(removed(d)).containsExactly("2026-01-04 12:00", "2026-01-01 12:00");
  }

  @Test
  void minusOneKeepsEveryBucket() {
    var d =
        apply(
            RetentionPolicy.builder().daily(-1).build(),
            at("2026-01-01 10:00:00"),
            at("2026-02-01 09:00:00"),
            at("2026-02-01 10:00:00"),
            at("2027-05-01 10:00:00"));
    assertThat(removed(d)).containsExactly("2026-02-01 09:00");
    assertThat(d.keep()).hasSize(3);
  }

  @Test
  void theOldestSnapshotIsKeptWhileACountHasBucketsLeft() {
    var d =
        apply(
            RetentionPolicy.builder().daily(5).build(),
            at("2026-01-01 09:00:00"),
            at("2026-01-01 10:00:00"),
            at("2026-01-02 10:00:00"));
    assertThat(kept(d))
        .containsExactly(
            "2026-01-02 10:00: daily snapshot",
            "2026-01-01 10:00: daily snapshot",
            "2026-01-01 09:00: oldest daily snapshot");
    // With the count used up, the oldest goes.
    var used =
        apply(
            RetentionPolicy.builder().daily(2).build(),
            at("2026-01-01 09:00:00"),
            at("2026-01-01 10:00:00"),
            at("2026-01-02 10:00:00"));
    assertThat(removed(used)).containsExactly("2026-01-01 09:00");
  }

  @Test
  void aSnapshotMatchingSeveralRulesListsEveryReason() {
    var d =
        apply(
            RetentionPolicy.builder()
                .last(1)
                .daily(1)
                .keepTag("x")
                .within(RetentionDuration.parse("1h"))
                .build(),
            at("2026-01-01 09:00:00"),
            at("2026-01-02 10:00:00", "x"));
    assertThat(kept(d))
        .containsExactly(
            "2026-01-02 10:00: has tags [x], within 1h, last snapshot, daily snapshot");
  }

  @Test
  void theNewestSnapshotForKeepWithinIsNotOneFromTheFuture() {
    StoredSnapshot future = at(NOW.plusSeconds(86_400 * 30));
    var d =
        apply(
            RetentionPolicy.builder().within(RetentionDuration.parse("1d")).build(),
            future,
            at("2026-01-01 09:00:00"),
            at("2026-01-02 08:00:00"),
            at("2026-01-02 10:00:00"));
    assertThat(removed(d)).containsExactly("2026-01-01 09:00");
    assertThat(d.keep()).extracting(Retention.Kept::snapshot).contains(future);
  }

  @Test
  void groupsAreByHostnameAndVolumeByDefaultAndTagsWhenAsked() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    List<StoredSnapshot> all =
        List.of(
            snapshot(t, "vm1", "www", "b", "a"),
            snapshot(t.plusSeconds(1), "vm1", "www", "a", "b"),
            snapshot(t, "vm1", "db"),
            snapshot(t, "vm2", "www"));
    assertThat(SnapshotGroups.of(all, GroupBy.DEFAULT).keySet())
        .containsExactly(
            new SnapshotGroups.Key("vm1", "db", null),
            new SnapshotGroups.Key("vm1", "www", null),
            new SnapshotGroups.Key("vm2", "www", null));
    Map<SnapshotGroups.Key, List<StoredSnapshot>> byTags =
        SnapshotGroups.of(all, GroupBy.parse("tags"));
    assertThat(byTags.keySet())
        .containsExactly(
            new SnapshotGroups.Key(null, null, List.of()),
            new SnapshotGroups.Key(null, null, List.of("a", "b")));
    assertThat(byTags.get(new SnapshotGroups.Key(null, null, List.of("a", "b")))).hasSize(2);
    assertThat(SnapshotGroups.of(all, GroupBy.parse(""))).hasSize(1);
    assertThat(GroupBy.parse("host,paths")).isEqualTo(GroupBy.DEFAULT);
    assertThatThrownBy(() -> GroupBy.parse("hostname,color")).hasMessageContaining("'color'");
  }

  @Test
  void durationsParseAndPrintAsRestic() {
    assertThat(RetentionDuration.parse("1y2m3d4h")).isEqualTo(new RetentionDuration(1, 2, 3, 4));
    assertThat(RetentionDuration.parse("36h").toString()).isEqualTo("36h");
    assertThat(RetentionDuration.parse("2d1y").toString()).isEqualTo("1y2d");
    assertThatThrownBy(() -> RetentionDuration.parse("5")).hasMessageContaining("no unit");
    assertThatThrownBy(() -> RetentionDuration.parse("5w")).hasMessageContaining("'w'");
    assertThatThrownBy(() -> RetentionDuration.parse("d")).hasMessageContaining("no number");
  }

  @Test
  void policyDescribesItselfAndRefusesNegativeCountsOtherThanMinusOne() {
    RetentionPolicy p =
        RetentionPolicy.builder()
            .daily(7)
            .monthly(-1)
            .withinWeekly(RetentionDuration.parse("1m"))
            .within(RetentionDuration.parse("2d"))
            .build();
    assertThat(p.describe())
        .isEqualTo(
            "keep 7 daily, all monthly snapshots, weekly snapshots within 1m and all snapshots"
                + " within 2d of the newest");
    assertThat(p.invalidCount()).isNull();
    assertThat(RetentionPolicy.builder().daily(-2).build().invalidCount())
        .contains("--keep-daily -2");
    assertThat(RetentionPolicy.NONE.isEmpty()).isTrue();
    assertThat(RetentionPolicy.builder().keepTag("x").build().isEmpty()).isFalse();
  }

  @Test
  void wallClockTimesResolveAsGoDoesAtDaylightSavingChanges() {
    // The autumn 02:30 occurs twice; Go takes the second (CET), the spring 02:30 does not occur.
    assertThat(LocalTimes.resolve(LocalDateTime.parse("2026-10-25T02:30:00"), BERLIN).toInstant())
        .isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
    assertThat(LocalTimes.resolve(LocalDateTime.parse("2026-03-29T02:30:00"), BERLIN).toInstant())
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }
}

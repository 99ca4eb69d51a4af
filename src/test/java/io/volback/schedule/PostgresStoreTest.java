package io.volback.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The clustered JDBC store on its own: schema on first start, misfires, history in the table. */
@Timeout(120)
class PostgresStoreTest {
  private static TestPostgres db;

  @BeforeAll
  static void database() {
    db = TestPostgres.createDatabase("volback_store");
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private static QuartzServiceScheduler scheduler(JobRunner runner) throws Exception {
    SchedulerSettings settings =
        SchedulerSettings.postgresql(db.url(), TestPostgres.user(), TestPostgres.password())
            .withTiming(Duration.ofSeconds(1), Duration.ofSeconds(1));
    return new QuartzServiceScheduler(settings, runner, List.of());
  }

  @Test
  void aFireMissedWhileTheClusterWasDownRunsOnceAfterStartAndTheHistoryIsKept() throws Exception {
    ServiceJob job =
        new ServiceJob("tick", JobKind.CHECK, null, null, "* * * * * ?", ZoneOffset.UTC);
    RecordingRunner first = new RecordingRunner();
    List<RunRecord> before;
    try (QuartzServiceScheduler s = scheduler(first)) {
      s.start(List.of(job));
      Waits.until(Duration.ofSeconds(20), "a run", () -> !first.fires.isEmpty());
      s.shutdown(Duration.ofSeconds(5));
    }
    Thread.sleep(3_500); // three fires missed, more than the misfire threshold late

    RecordingRunner second = new RecordingRunner();
    Instant restart = Instant.now();
    try (QuartzServiceScheduler s = scheduler(second)) {
      before = s.history().recent(1_000);
      assertThat(before).hasSizeGreaterThanOrEqualTo(first.fires.size());
      s.start(List.of(job));
      Waits.until(
          Duration.ofSeconds(20), "3 runs after the restart", () -> second.fires.size() >= 3);
      assertThat(s.history().recent(1_000)).endsWith(before.toArray(RunRecord[]::new));
      s.shutdown(Duration.ofSeconds(5));
    }
    // Quartz's fire-and-proceed runs the missed fire once, at start (not on a whole second, as the
    // cron's own fires are); the missed fire times are not run one by one.
    List<RecordingRunner.Fire> caughtUp =
        second.fires.stream().filter(f -> f.scheduled().getNano() != 0).toList();
    assertThat(caughtUp)
        .as("fires " + first.fires + " then " + second.fires + " restart " + restart)
        .hasSize(1);
    assertThat(caughtUp.get(0).scheduled()).isAfterOrEqualTo(restart);
    Instant lastBefore = first.fires.get(first.fires.size() - 1).scheduled();
    assertThat(second.fires)
        .filteredOn(f -> f.scheduled().getNano() == 0)
        .allSatisfy(f -> assertThat(f.scheduled()).isAfter(restart.minusSeconds(1)));
    assertThat(lastBefore).isBefore(restart.minusSeconds(3));
  }
}

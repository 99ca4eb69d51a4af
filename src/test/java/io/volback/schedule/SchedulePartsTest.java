package io.volback.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Fast checks of the scheduler's pure parts. */
class SchedulePartsTest {
  private static final ServiceJob DAILY_AT_3 =
      new ServiceJob("b", JobKind.BACKUP, "p", "a", "0 0 3 * * ?", ZoneId.of("Europe/Berlin"));

  @Test
  void theLatestMissedFireIsTheLastDueTimeBeforeTheBoundInTheJobsZone() throws Exception {
    // Ran on the 1st at 03:00 Berlin (02:00 UTC); down until the 4th at noon: the 4th's fire is
    // due.
    assertThat(
            QuartzServiceScheduler.latestMissedFire(
                DAILY_AT_3,
                Instant.parse("2026-03-01T02:00:05Z"),
                Instant.parse("2026-03-04T12:00:00Z")))
        .contains(Instant.parse("2026-03-04T02:00:00Z"));
  }

  @Test
  void nothingIsMissedWhenTheNextFireIsNotYetDue() throws Exception {
    assertThat(
            QuartzServiceScheduler.latestMissedFire(
                DAILY_AT_3,
                Instant.parse("2026-03-01T02:00:05Z"),
                Instant.parse("2026-03-02T01:59:59Z")))
        .isEmpty();
  }

  @Test
  void theQuartzDdlComesFromTheJarWithoutItsDrops() throws Exception {
    assertThat(QuartzSchema.statements())
        .anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE QRTZ_LOCKS"))
        .noneSatisfy(s -> assertThat(s).containsIgnoringCase("DROP TABLE"))
        .noneSatisfy(s -> assertThat(s).isEqualToIgnoringCase("COMMIT"));
  }
}

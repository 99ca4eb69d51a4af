package io.volback.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that returns a FAILED volume record (the repository went away mid-backup) is retried like
 * one that throws, and a run that throws keeps the job's own volume in its record.
 */
@Timeout(60)
class FailedVolumeRetryTest {
  private static final String NEVER = "0 0 0 1 1 ? 2099";

  @TempDir Path stateDir;

  @Test
  void aRunWithAFailedVolumeIsRetriedUntilItSucceeds() throws Exception {
    RecordingRunner runner =
        new RecordingRunner() {
          @Override
          public List<RunRecord> run(ServiceJob job, RunContext context) throws Exception {
            List<RunRecord> records = super.run(job, context);
            RunRecord r = records.get(0);
            if (context.attempt() > 1) {
              return records;
            }
            return List.of(
                new RunRecord(
                    r.runId(),
                    r.jobId(),
                    r.kind(),
                    r.policy(),
                    r.volume(),
                    r.dockerHost(),
                    r.hostname(),
                    r.instance(),
                    r.attempt(),
                    r.start(),
                    r.end(),
                    RunOutcome.FAILED,
                    0,
                    0,
                    null,
                    "S3 went away",
                    null,
                    null));
          }
        };
    SchedulerSettings settings =
        SchedulerSettings.memory(stateDir).withRetries(2, Duration.ofMillis(200));
    try (QuartzServiceScheduler s = new QuartzServiceScheduler(settings, runner, List.of())) {
      s.start(List.of(policyJob()));
      assertThat(s.triggerNow("backup/p/a")).isTrue();
      Waits.until(Duration.ofSeconds(10), "2 attempts", () -> runner.fires.size() >= 2);
      Thread.sleep(1_000);
      assertThat(runner.fires).extracting(RecordingRunner.Fire::attempt).containsExactly(1, 2);
      List<RunRecord> history = s.history().recent(10);
      assertThat(history).extracting(RunRecord::attempt).containsExactly(2, 1);
      assertThat(history)
          .extracting(RunRecord::outcome)
          .containsExactly(RunOutcome.SUCCEEDED, RunOutcome.FAILED);
    }
  }

  @Test
  void aLabelJobThatThrowsNamesItsVolumeInTheRecord() throws Exception {
    RecordingRunner runner =
        new RecordingRunner() {
          @Override
          void work(ServiceJob job, RunContext context) {
            throw new IllegalStateException("Docker host a does not answer");
          }
        };
    ServiceJob job =
        new ServiceJob("volume/a/db", JobKind.BACKUP, null, "a", "db", NEVER, ZoneId.of("UTC"));
    try (QuartzServiceScheduler s =
        new QuartzServiceScheduler(SchedulerSettings.memory(stateDir), runner, List.of())) {
      s.start(List.of(job));
      assertThat(s.triggerNow("volume/a/db")).isTrue();
      Waits.until(Duration.ofSeconds(10), "a fire", () -> runner.fires.size() >= 1);
      Thread.sleep(500);
      RunRecord r = s.history().recent(1).get(0);
      assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED);
      assertThat(r.volume()).isEqualTo("db");
      assertThat(r.start()).isBefore(Instant.now());
    }
  }

  private static ServiceJob policyJob() {
    return new ServiceJob("backup/p/a", JobKind.BACKUP, "p", "a", NEVER, ZoneId.of("UTC"));
  }
}

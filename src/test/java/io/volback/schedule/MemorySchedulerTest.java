package io.volback.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The single-instance scheduler on Quartz's RAM store, with its history in a file. */
@Timeout(60)
class MemorySchedulerTest {
  private static final String EVERY_SECOND = "* * * * * ?";
  private static final String NEVER = "0 0 0 1 1 ? 2099";

  @TempDir Path stateDir;

  private static ServiceJob job(String id, String host, String cron) {
    return new ServiceJob(id, JobKind.BACKUP, "policy", host, cron, ZoneId.of("Europe/Berlin"));
  }

  private QuartzServiceScheduler scheduler(SchedulerSettings settings, JobRunner runner)
      throws Exception {
    return new QuartzServiceScheduler(settings, runner, List.of());
  }

  @Test
  void aJobEverySecondFiresAndItsRecordsSurviveARestart() throws Exception {
    RecordingRunner runner = new RecordingRunner();
    List<RunRecord> before;
    try (QuartzServiceScheduler s = scheduler(SchedulerSettings.memory(stateDir), runner)) {
      s.start(List.of(job("backup/p/a", "a", EVERY_SECOND)));
      assertThat(s.isStarted()).isTrue();
      assertThat(s.nextFireTime("backup/p/a")).isPresent();
      Waits.until(Duration.ofSeconds(10), "3 runs", () -> runner.fires.size() >= 3);
      s.shutdown(Duration.ofSeconds(5));
      before = s.history().recent(100);
    }
    assertThat(before).hasSizeGreaterThanOrEqualTo(3);
    assertThat(before).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(RunOutcome.SUCCEEDED));
    String firstLine = Files.readAllLines(stateDir.resolve("run-history.jsonl")).get(0);
    assertThat(firstLine)
        .contains("\"run_id\":", "\"job_id\":\"backup/p/a\"", "\"docker_host\":\"a\"")
        .contains("\"bytes_added\":5", "\"outcome\":\"SUCCEEDED\"");

    try (QuartzServiceScheduler again =
        scheduler(SchedulerSettings.memory(stateDir), new RecordingRunner())) {
      assertThat(again.history().recent(100)).isEqualTo(before);
    }
  }

  @Test
  void aFailingRunIsRetriedWithBackoffThenRecordedFailed() throws Exception {
    RecordingRunner runner =
        new RecordingRunner() {
          @Override
          void work(ServiceJob job, RunContext context) {
            throw new IllegalStateException(
                "repository unreachable (attempt " + context.attempt() + ")");
          }
        };
    SchedulerSettings settings =
        SchedulerSettings.memory(stateDir).withRetries(2, Duration.ofMillis(300));
    try (QuartzServiceScheduler s = scheduler(settings, runner)) {
      s.start(List.of(job("backup/p/a", "a", NEVER)));
      assertThat(s.triggerNow("backup/p/a")).isTrue();
      assertThat(s.triggerNow("no-such-job")).isFalse();
      Waits.until(Duration.ofSeconds(10), "3 attempts", () -> runner.fires.size() >= 3);
      // The backoff doubles: 300 ms before the 2nd attempt, 600 ms before the 3rd; no 4th.
      Thread.sleep(2_000);
      List<RecordingRunner.Fire> fires = runner.fires;
      assertThat(fires).extracting(RecordingRunner.Fire::attempt).containsExactly(1, 2, 3);
      assertThat(Duration.between(fires.get(0).at(), fires.get(1).at()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(Duration.between(fires.get(1).at(), fires.get(2).at()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(600));
      assertThat(fires)
          .extracting(RecordingRunner.Fire::scheduled)
          .containsOnly(fires.get(0).scheduled());
      List<RunRecord> history = s.history().recent(10);
      assertThat(history).hasSize(3);
      assertThat(history).extracting(RunRecord::outcome).containsOnly(RunOutcome.FAILED);
      assertThat(history).extracting(RunRecord::attempt).containsExactly(3, 2, 1);
      assertThat(history.get(0).error()).isEqualTo("repository unreachable (attempt 3)");
    }
  }

  @Test
  void thePerHostLimitAndOneRunPerJobHold() throws Exception {
    Map<String, AtomicInteger> runningPerHost = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> runningPerJob = new ConcurrentHashMap<>();
    Map<String, Integer> maxPerHost = new ConcurrentHashMap<>();
    Map<String, Integer> maxPerJob = new ConcurrentHashMap<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    RecordingRunner runner =
        new RecordingRunner() {
          @Override
          void work(ServiceJob job, RunContext context) throws InterruptedException {
            int host =
                runningPerHost
                    .computeIfAbsent(job.dockerHost(), h -> new AtomicInteger())
                    .incrementAndGet();
            int one =
                runningPerJob.computeIfAbsent(job.id(), h -> new AtomicInteger()).incrementAndGet();
            maxPerHost.merge(job.dockerHost(), host, Math::max);
            maxPerJob.merge(job.id(), one, Math::max);
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(1_200);
            running.decrementAndGet();
            runningPerJob.get(job.id()).decrementAndGet();
            runningPerHost.get(job.dockerHost()).decrementAndGet();
          }
        };
    SchedulerSettings settings = SchedulerSettings.memory(stateDir).withThreads(6, 1);
    try (QuartzServiceScheduler s = scheduler(settings, runner)) {
      s.start(
          List.of(
              job("backup/p1/a", "a", EVERY_SECOND),
              job("backup/p2/a", "a", EVERY_SECOND),
              job("backup/p1/b", "b", EVERY_SECOND)));
      Waits.until(Duration.ofSeconds(15), "6 runs", () -> runner.fires.size() >= 6);
      s.shutdown(Duration.ofSeconds(5));
    }
    assertThat(maxPerHost).containsEntry("a", 1).containsEntry("b", 1);
    assertThat(maxPerJob.values()).containsOnly(1);
    // Host b's job ran beside host a's: the limit is per host, not global.
    assertThat(maxRunning.get()).isEqualTo(2);
    assertThat(runner.fires).extracting(RecordingRunner.Fire::jobId).contains("backup/p2/a");
  }

  @Test
  void aFireMissedWhileDownIsCaughtUpExactlyOnceAfterARestart() throws Exception {
    ServiceJob job = job("backup/p/a", "a", EVERY_SECOND);
    RecordingRunner first = new RecordingRunner();
    try (QuartzServiceScheduler s = scheduler(SchedulerSettings.memory(stateDir), first)) {
      s.start(List.of(job));
      Waits.until(Duration.ofSeconds(10), "a run", () -> !first.fires.isEmpty());
      s.shutdown(Duration.ofSeconds(5));
    }
    Thread.sleep(3_000); // three fires missed while down

    RecordingRunner second = new RecordingRunner();
    Instant restart;
    try (QuartzServiceScheduler s = scheduler(SchedulerSettings.memory(stateDir), second)) {
      // Start early in a second, so the cron trigger's own first fire is that whole second: the
      // fires before it were missed.
      while (Instant.now().getNano() > 500_000_000) {
        Thread.sleep(20);
      }
      restart = Instant.now();
      s.start(List.of(job));
      Waits.until(
          Duration.ofSeconds(10), "3 runs after the restart", () -> second.fires.size() >= 3);
      s.shutdown(Duration.ofSeconds(5));
    }
    Instant ownFirstFire = restart.truncatedTo(ChronoUnit.SECONDS);
    List<RecordingRunner.Fire> caughtUp =
        second.fires.stream().filter(f -> f.scheduled().isBefore(ownFirstFire)).toList();
    assertThat(caughtUp).hasSize(1);
    // The latest missed fire is the one run.
    assertThat(caughtUp.get(0).scheduled()).isEqualTo(ownFirstFire.minusSeconds(1));
    assertThat(second.fires).extracting(RecordingRunner.Fire::scheduled).doesNotHaveDuplicates();
  }

  @Test
  void noCatchUpWhenNothingWasMissed() throws Exception {
    ServiceJob job = job("check", null, NEVER);
    RecordingRunner first = new RecordingRunner();
    try (QuartzServiceScheduler s = scheduler(SchedulerSettings.memory(stateDir), first)) {
      s.start(List.of(job));
      s.triggerNow("check");
      Waits.until(Duration.ofSeconds(10), "a run", () -> !first.fires.isEmpty());
    }
    RecordingRunner second = new RecordingRunner();
    try (QuartzServiceScheduler s = scheduler(SchedulerSettings.memory(stateDir), second)) {
      s.start(List.of(job));
      Thread.sleep(1_000);
    }
    assertThat(second.fires).isEmpty();
  }

  @Test
  void shutdownAsksTheRunningJobToStopAndWaitsForIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean sawStop = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    RecordingRunner runner =
        new RecordingRunner() {
          @Override
          void work(ServiceJob job, RunContext context) throws InterruptedException {
            started.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!context.stopRequested().getAsBoolean() && System.nanoTime() < deadline) {
              Thread.sleep(20);
            }
            sawStop.set(context.stopRequested().getAsBoolean());
            Thread.sleep(500); // cleaning up: containers started again
            finished.set(true);
          }
        };
    QuartzServiceScheduler s = scheduler(SchedulerSettings.memory(stateDir), runner);
    s.start(List.of(job("backup/p/a", "a", NEVER)));
    s.triggerNow("backup/p/a");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    s.shutdown(Duration.ofSeconds(10));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(sawStop).isTrue();
    assertThat(finished).isTrue();
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(400))
        .isLessThan(Duration.ofSeconds(5));
    assertThat(s.isStarted()).isFalse();
    assertThat(s.history().recent(10)).hasSize(1);
  }

  @Test
  void shutdownGivesUpOnARunThatIgnoresTheStopAfterTheTimeout() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    RecordingRunner runner =
        new RecordingRunner() {
          @Override
          void work(ServiceJob job, RunContext context) throws InterruptedException {
            started.countDown();
            Thread.sleep(10_000);
          }
        };
    QuartzServiceScheduler s = scheduler(SchedulerSettings.memory(stateDir), runner);
    s.start(List.of(job("backup/p/a", "a", NEVER)));
    s.triggerNow("backup/p/a");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    s.shutdown(Duration.ofMillis(700));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(700))
        .isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void theFileHistoryStaysBounded() throws Exception {
    FileRunHistory history = new FileRunHistory(stateDir, 5);
    ServiceJob job = job("check", null, NEVER);
    for (int i = 0; i < 23; i++) {
      history.append(
          RecordingRunner.succeeded(
              job,
              new JobRunner.RunContext(Instant.ofEpochSecond(i), 1, "i", () -> false),
              Instant.ofEpochSecond(i)));
    }
    assertThat(Files.readAllLines(history.file()).size()).isLessThan(10);
    List<RunRecord> recent = history.recent(100);
    assertThat(recent).hasSizeGreaterThanOrEqualTo(5);
    assertThat(recent.get(0).snapshotId()).isEqualTo("snap-22000");
    assertThat(history.lastOf("check")).contains(recent.get(0));
  }
}

package io.volback.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DaemonPool and TaskTracker: named daemon threads, the first failure, interrupted waits. */
@Timeout(30)
class DaemonPoolTest {

  @Test
  void tasksRunOnNamedDaemonThreads() throws Exception {
    TaskTracker tasks = new TaskTracker();
    AtomicReference<Thread> ran = new AtomicReference<>();
    try (DaemonPool pool = DaemonPool.fixed("volback-test", 2, tasks)) {
      pool.submit(() -> ran.set(Thread.currentThread()));
      tasks.awaitIdle();
    }
    assertThat(ran.get().getName()).isEqualTo("volback-test");
    assertThat(ran.get().isDaemon()).isTrue();
  }

  @Test
  void theFirstFailureIsKeptAndReportedByTheWait() throws Exception {
    TaskTracker tasks = new TaskTracker();
    try (DaemonPool pool = DaemonPool.fixed("volback-test", 2, tasks)) {
      pool.submit(
          () -> {
            throw new IOException("first");
          });
      awaitRecordedFailure(tasks);
      pool.submit(
          () -> {
            throw new IllegalStateException("second");
          });
      assertThatThrownBy(tasks::awaitIdle).isInstanceOf(IOException.class).hasMessage("first");
      assertThatThrownBy(tasks::check).hasMessage("first");
    }
  }

  @Test
  void aTaskSubmittedAfterShutdownFailsWithoutLeavingTheWaitHanging() throws Exception {
    TaskTracker tasks = new TaskTracker();
    DaemonPool pool = DaemonPool.fixed("volback-test", 1, tasks);
    pool.shutdownNow();
    assertThatThrownBy(() -> pool.submit(() -> {})).isInstanceOf(RejectedExecutionException.class);
    assertThatThrownBy(tasks::awaitIdle).isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void anInterruptedWaitThrowsInterruptedIoExceptionAndKeepsTheFlag() throws Exception {
    TaskTracker tasks = new TaskTracker();
    CountDownLatch release = new CountDownLatch(1);
    try (DaemonPool pool = DaemonPool.fixed("volback-test", 1, tasks)) {
      pool.submit(release::await);
      Thread.currentThread().interrupt();
      assertThatThrownBy(tasks::awaitIdle)
          .isInstanceOf(InterruptedIOException.class)
          .hasMessage("interrupted while waiting for uploads");
      assertThat(Thread.interrupted()).isTrue();
      release.countDown();
    }
  }

  /** Waits (bounded) until tasks holds a failure: the task's throw is recorded after it ends. */
  private static void awaitRecordedFailure(TaskTracker tasks) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try {
        tasks.check();
      } catch (IOException recorded) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the first task's failure was not recorded within 10 s");
  }
}

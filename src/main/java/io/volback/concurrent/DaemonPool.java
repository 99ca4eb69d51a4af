package io.volback.concurrent;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * DaemonPool runs tasks on a fixed number of named daemon threads, which never keep the JVM alive,
 * and reports each task's outcome to a TaskTracker, which keeps the first failure and translates an
 * interrupted wait. Several pools may share one tracker, so that one wait covers tasks that hand
 * work on to each other (sealing, then uploading).
 */
public final class DaemonPool implements AutoCloseable {
  /** Task is work that may fail with any exception; the failure goes to the tracker. */
  @FunctionalInterface
  public interface Task {
    void run() throws Exception;
  }

  private final ExecutorService executor;
  private final TaskTracker tasks;

  private DaemonPool(ExecutorService executor, TaskTracker tasks) {
    this.executor = executor;
    this.tasks = tasks;
  }

  /** A pool of threads threads, each named name, that reports to tasks. */
  public static DaemonPool fixed(String name, int threads, TaskTracker tasks) {
    return new DaemonPool(Executors.newFixedThreadPool(threads, r -> newThread(name, r)), tasks);
  }

  /** A daemon thread named name that runs task; not started. */
  public static Thread newThread(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Runs task on one of the pool's threads. */
  public void submit(Task task) {
    tasks.started();
    try {
      executor.execute(
          () -> {
            Throwable error = null;
            try {
              task.run();
            } catch (Throwable t) {
              error = t;
            } finally {
              tasks.finished(error);
            }
          });
    } catch (RejectedExecutionException e) {
      tasks.finished(e);
      throw e;
    }
  }

  /** Interrupts the running tasks and drops the queued ones. */
  public void shutdownNow() {
    executor.shutdownNow();
  }

  /** Waits up to timeout for the running tasks to end; false when some still run. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    shutdownNow();
  }
}

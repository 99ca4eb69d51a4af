package io.volback.concurrent;

import java.io.IOException;

/** TaskTracker counts outstanding asynchronous tasks and remembers the first failure among them. */
public final class TaskTracker {
  private int outstanding;
  private Throwable failure;

  public synchronized void started() {
    outstanding++;
  }

  public synchronized void finished(Throwable error) {
    outstanding--;
    if (error != null && failure == null) {
      failure = error;
    }
    notifyAll();
  }

  /** Throws the first failure of any task, if there was one. */
  public synchronized void check() throws IOException {
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    if (failure instanceof Error err) {
      throw err;
    }
  }

  /** Waits until no task is outstanding, then reports any failure. */
  public synchronized void awaitIdle() throws IOException {
    while (outstanding > 0) {
      try {
        wait();
      } catch (InterruptedException e) {
        throw Interrupts.interrupted("waiting for uploads");
      }
    }
    check();
  }
}

package io.volback.schedule;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for the scheduler's tests. */
final class Waits {
  private Waits() {}

  static void until(Duration limit, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit + ": " + what);
      }
      Thread.sleep(50);
    }
  }
}

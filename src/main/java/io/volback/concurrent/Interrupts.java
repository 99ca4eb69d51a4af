package io.volback.concurrent;

import java.io.InterruptedIOException;

/** Interrupts turns a thread's interrupt into the InterruptedIOException an I/O caller expects. */
public final class Interrupts {
  private Interrupts() {}

  /**
   * The exception for an interrupt while doing what ("interrupted while " + what). Sets the current
   * thread's interrupt flag again, which catching InterruptedException cleared.
   */
  public static InterruptedIOException interrupted(String what) {
    Thread.currentThread().interrupt();
    return new InterruptedIOException("interrupted while " + what);
  }
}

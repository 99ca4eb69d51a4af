package io.volback.concurrent;

import java.io.InterruptedIOException;

/**
 * ShutdownHooks registers the cleanup that runs when SIGINT or SIGTERM ends the process (helper
 * containers removed, stopped containers started, locks released). Work that needs such a hook must
 * not begin once the JVM is shutting down - its cleanup would never run - so registering then
 * throws InterruptedIOException, not the JDK's IllegalStateException.
 */
public final class ShutdownHooks {
  private ShutdownHooks() {}

  /** Registers cleanup as a hook thread named name, and returns it for remove. */
  public static Thread add(String name, Runnable cleanup) throws InterruptedIOException {
    Thread hook = new Thread(cleanup, name);
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      throw new InterruptedIOException("interrupted: the process is shutting down");
    }
    return hook;
  }

  /** Unregisters hook; once shutdown has begun it runs (or ran) anyway, which must be harmless. */
  public static void remove(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs now
    }
  }
}

package io.volback.app;

/** A hook (a stop, a start, a command with on-error fail) failed a volume's backup. */
public final class HookFailedException extends RuntimeException {
  public HookFailedException(String message) {
    super(message);
  }
}

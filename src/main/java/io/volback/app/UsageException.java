package io.volback.app;

/** UsageException is a mistake in the user's command or configuration (exit code 2). */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}

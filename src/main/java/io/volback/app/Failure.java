package io.volback.app;

/**
 * Failure is why one item of a run (a volume of a backup) failed while the others went on: the
 * exception itself, for callers that decide by its type, and the one-line message users see.
 */
public record Failure(String message, Exception cause) {
  public static Failure of(Exception e) {
    return new Failure(e.getMessage() == null ? e.toString() : e.getMessage(), e);
  }
}

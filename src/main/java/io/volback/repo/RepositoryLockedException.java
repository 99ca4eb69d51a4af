package io.volback.repo;

/** RepositoryLockedException: another process holds a conflicting lock; the message names it. */
public class RepositoryLockedException extends RepositoryException {
  public RepositoryLockedException(String message) {
    super(message);
  }
}

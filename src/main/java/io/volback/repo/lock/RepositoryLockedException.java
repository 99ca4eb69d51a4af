package io.volback.repo.lock;

import io.volback.repo.RepositoryException;

/** RepositoryLockedException: another process holds a conflicting lock; the message names it. */
public class RepositoryLockedException extends RepositoryException {
  public RepositoryLockedException(String message) {
    super(message);
  }
}

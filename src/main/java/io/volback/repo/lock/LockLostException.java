package io.volback.repo.lock;

/**
 * LockLostException: a lock this process held was removed by another process or could not be
 * refreshed in time; unlike its parent, the lock was acquired once.
 */
public class LockLostException extends RepositoryLockedException {
  public LockLostException(String message) {
    super(message);
  }
}

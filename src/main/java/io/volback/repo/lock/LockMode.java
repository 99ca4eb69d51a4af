package io.volback.repo.lock;

/**
 * How a repository lock is held: shared locks (backup, restore) coexist, an exclusive one (prune)
 * excludes every other lock.
 */
public enum LockMode {
  SHARED,
  EXCLUSIVE
}

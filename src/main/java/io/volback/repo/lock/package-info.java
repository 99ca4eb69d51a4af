/**
 * Locks: which processes are using the repository.
 *
 * <p>A Lock is a locks/ object (sealed JSON, LockInfo) written by a process while it works on the
 * repository: shared by backup and restore, exclusive for prune. A RepositoryLock is a held lock,
 * refreshed while it is held and removed when closed. LockOwner identifies this process in the
 * locks it writes; StaleLockRule decides when another process's lock may be removed (not refreshed
 * for too long, or its process is known to be gone). RepositoryLockedException names the
 * conflicting lock.
 */
package io.volback.repo.lock;

package io.volback.repo.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * StaleLockRule decides whether another process's lock may be removed: when it was not refreshed
 * for LockInfo.STALE_AFTER, or when its process is known to be gone. A process is looked up only
 * when the lock comes from this kernel and PID namespace; there, a process with the lock's pid but
 * another start time (or, for our own pid, another nonce) is a later process, not the holder.
 */
final class StaleLockRule {
  /** Processes looks up a process of this kernel and PID namespace. */
  interface Processes {
    /** The process pid: alive or not, and its start time when known (else null). */
    ProcessState of(long pid);

    Processes LOCAL =
        pid ->
            ProcessHandle.of(pid)
                .map(h -> new ProcessState(h.isAlive(), h.info().startInstant().orElse(null)))
                .orElse(ProcessState.GONE);
  }

  /** ProcessState is what is known of one process. */
  record ProcessState(boolean alive, Instant start) {
    static final ProcessState GONE = new ProcessState(false, null);
  }

  private final LockOwner self;
  private final Processes processes;

  StaleLockRule(LockOwner self, Processes processes) {
    this.self = self;
    this.processes = processes;
  }

  /**
   * Why lock is stale, or null when it is not. storeAge is the lock's age by the store's own
   * timestamps when the store gives them; otherwise the lock's time is compared with now, the
   * reader's clock, which is only as good as the two hosts' clocks agree.
   */
  String staleReason(LockInfo lock, Instant now, Optional<Duration> storeAge) {
    Duration age = storeAge.orElseGet(() -> Duration.between(lock.time(), now));
    if (age.compareTo(LockInfo.STALE_AFTER) > 0) {
      return "not refreshed for "
          + age.toMinutes()
          + " minutes"
          + (storeAge.isPresent()
              ? " (by the store's clock)"
              : " (by this host's clock: the store gives no modification times)");
    }
    if (self.seesProcessesOf(lock)) {
      return processGone(lock);
    }
    boolean legacyLock = lock.bootId() == null && lock.nonce() == null;
    if (legacyLock
        && self.hostname().equals(lock.hostname())
        && !processes.of(lock.pid()).alive()) {
      return "its process " + lock.pid() + " on " + lock.hostname() + " is gone";
    }
    return null;
  }

  private String processGone(LockInfo lock) {
    if (lock.pid() == self.pid()) {
      return self.wrote(lock)
          ? null
          : "its process " + lock.pid() + " is gone (this process has that pid now)";
    }
    ProcessState process = processes.of(lock.pid());
    if (!process.alive()) {
      return "its process " + lock.pid() + " is gone";
    }
    if (process.start() != null
        && lock.processStart() != null
        && !process.start().equals(lock.processStart())) {
      return "its process "
          + lock.pid()
          + " is gone (the pid now belongs to a process started "
          + process.start()
          + ")";
    }
    return null;
  }
}

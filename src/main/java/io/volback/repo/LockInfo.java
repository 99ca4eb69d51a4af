package io.volback.repo;

import java.time.Duration;
import java.time.Instant;

/** LockInfo is the content of a locks/ object (sealed JSON): who holds it since when, and how. */
public record LockInfo(Instant time, boolean exclusive, String hostname, long pid, String username) {

  static final Duration STALE_AFTER = Duration.ofMinutes(30);

  /** A lock is stale when it was not refreshed for STALE_AFTER or its process on this host is gone. */
  boolean isStale(Instant now, String localHostname) {
    if (time.plus(STALE_AFTER).isBefore(now)) {
      return true;
    }
    return localHostname.equals(hostname) && ProcessHandle.of(pid).isEmpty();
  }

  String describe() {
    return (exclusive ? "exclusive" : "shared") + " lock held by pid " + pid + " on " + hostname
        + " (user " + username + ") since " + time;
  }
}

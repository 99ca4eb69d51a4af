package io.volback.repo.lock;

import java.time.Duration;
import java.time.Instant;

/**
 * LockInfo is the content of a locks/ object (sealed JSON): who holds it since when, and how. nonce
 * is random per process; processStart, bootId and pidNamespace say which process of which kernel
 * and PID namespace holds it. Locks written before these fields existed lack them (null).
 */
public record LockInfo(
    Instant time,
    boolean exclusive,
    String hostname,
    long pid,
    String username,
    String nonce,
    Instant processStart,
    String bootId,
    String pidNamespace) {

  static final Duration STALE_AFTER = Duration.ofMinutes(30);

  String describe() {
    return (exclusive ? "exclusive" : "shared")
        + " lock held by pid "
        + pid
        + " on "
        + hostname
        + " (user "
        + username
        + ") since "
        + time;
  }
}

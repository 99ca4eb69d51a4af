package io.volback.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** RetryPolicy says how often and how patiently RetryingStore retries a failed call. */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** DEFAULT waits up to ~20 s in total over 6 attempts. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(10));

  /** FAST is for tests: 3 attempts, a few milliseconds apart. */
  public static final RetryPolicy FAST =
      new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
    }
  }

  /** The pause before retry number retry (1-based): full jitter over an exponential ceiling. */
  public Duration delayBeforeRetry(int retry) {
    long ceiling = ceilingMillis(retry);
    return Duration.ofMillis(ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  long ceilingMillis(int retry) {
    int doublings = Math.min(Math.max(retry - 1, 0), 30);
    long exponential = baseDelay.toMillis() << doublings;
    return Math.min(maxDelay.toMillis(), exponential < 0 ? Long.MAX_VALUE : exponential);
  }
}

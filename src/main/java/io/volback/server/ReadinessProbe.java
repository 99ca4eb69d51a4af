package io.volback.server;

import java.util.Optional;

/**
 * ReadinessProbe tells /readyz whether what the service depends on answers (the repository is
 * reachable). The assembly implements it; it should answer within a few seconds.
 */
@FunctionalInterface
public interface ReadinessProbe {
  /** Empty when ready, else why not, in words a user can act on (never a secret). */
  Optional<String> notReadyReason() throws Exception;

  /** A probe that is always ready. */
  static ReadinessProbe alwaysReady() {
    return Optional::empty;
  }
}

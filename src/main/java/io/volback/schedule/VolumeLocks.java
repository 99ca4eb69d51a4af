package io.volback.schedule;

import java.util.Optional;

/**
 * VolumeLocks keeps one volume from being backed up by two runs at once, across the jobs of this
 * instance and, when clustered, across instances (a PostgreSQL advisory lock).
 */
public interface VolumeLocks {
  /**
   * Takes the lock named key (e.g. "host-a/pgdata") if free; empty when another run holds it. The
   * lock is released by closing what is returned.
   */
  Optional<Held> tryLock(String key) throws Exception;

  /** A lock held until closed. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}

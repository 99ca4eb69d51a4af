package io.volback.schedule;

import java.util.List;
import java.util.Optional;

/**
 * RunHistory keeps every run's records so they survive a restart: a file under the state directory
 * for a single instance, a PostgreSQL table for a cluster (every instance sees the same history).
 */
public interface RunHistory {
  void append(RunRecord record) throws Exception;

  /** The newest records first, at most limit of them. */
  List<RunRecord> recent(int limit) throws Exception;

  /** The newest record of job jobId, if it ever ran (the RAM store's misfire catch-up reads it). */
  default Optional<RunRecord> lastOf(String jobId) throws Exception {
    return recent(Integer.MAX_VALUE).stream().filter(r -> r.jobId().equals(jobId)).findFirst();
  }
}

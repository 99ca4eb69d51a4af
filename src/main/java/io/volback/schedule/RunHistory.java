package io.volback.schedule;

import java.util.List;

/**
 * RunHistory keeps every run's records so they survive a restart: a file under the state directory
 * for a single instance, a PostgreSQL table for a cluster (every instance sees the same history).
 */
public interface RunHistory {
  void append(RunRecord record) throws Exception;

  /** The newest records first, at most limit of them. */
  List<RunRecord> recent(int limit) throws Exception;
}

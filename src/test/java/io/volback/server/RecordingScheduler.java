package io.volback.server;

import io.volback.schedule.RunHistory;
import io.volback.schedule.RunRecord;
import io.volback.schedule.ServiceJob;
import io.volback.schedule.ServiceScheduler;
import io.volback.schedule.VolumeLocks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * RecordingScheduler is an in-test ServiceScheduler: it fires nothing, keeps the jobs and next fire
 * times it is given, records triggers, and keeps a history in memory. The HTTP, metrics and JSON
 * under test are the real ones.
 */
final class RecordingScheduler implements ServiceScheduler {
  final List<String> triggered = new CopyOnWriteArrayList<>();
  final Map<String, Instant> nextFires = new ConcurrentHashMap<>();
  private final List<RunRecord> records = new CopyOnWriteArrayList<>();
  private volatile List<ServiceJob> jobs = List.of();
  private volatile boolean started;

  @Override
  public void start(List<ServiceJob> jobs) {
    this.jobs = List.copyOf(jobs);
    started = true;
  }

  @Override
  public boolean isStarted() {
    return started;
  }

  @Override
  public List<ServiceJob> jobs() {
    return jobs;
  }

  @Override
  public Optional<Instant> nextFireTime(String jobId) {
    return Optional.ofNullable(nextFires.get(jobId));
  }

  @Override
  public boolean triggerNow(String jobId) {
    if (jobs.stream().noneMatch(job -> job.id().equals(jobId))) {
      return false;
    }
    triggered.add(jobId);
    return true;
  }

  @Override
  public RunHistory history() {
    return new RunHistory() {
      @Override
      public void append(RunRecord record) {
        records.add(record);
      }

      @Override
      public List<RunRecord> recent(int limit) {
        List<RunRecord> newestFirst = new ArrayList<>(records);
        Collections.reverse(newestFirst);
        return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
      }
    };
  }

  @Override
  public VolumeLocks volumeLocks() {
    return key -> Optional.empty();
  }

  @Override
  public String instanceId() {
    return "test-instance";
  }

  @Override
  public void shutdown(Duration timeout) {
    started = false;
  }
}

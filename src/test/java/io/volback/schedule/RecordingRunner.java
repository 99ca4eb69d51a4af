package io.volback.schedule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A JobRunner for the scheduler's tests: it notes every fire and makes one SUCCEEDED record. */
class RecordingRunner implements JobRunner {
  record Fire(String jobId, Instant scheduled, int attempt, Instant at) {}

  final List<Fire> fires = new CopyOnWriteArrayList<>();

  @Override
  public List<RunRecord> run(ServiceJob job, RunContext context) throws Exception {
    Instant start = Instant.now();
    fires.add(new Fire(job.id(), context.scheduledFireTime(), context.attempt(), start));
    work(job, context);
    return List.of(succeeded(job, context, start));
  }

  /** What a run does besides being noted; throws to fail it. */
  void work(ServiceJob job, RunContext context) throws Exception {}

  static RunRecord succeeded(ServiceJob job, RunContext context, Instant start) {
    return new RunRecord(
        UUID.randomUUID().toString(),
        job.id(),
        job.kind(),
        job.policy(),
        "vol-" + job.id(),
        job.dockerHost(),
        "test-host",
        context.instance(),
        context.attempt(),
        start,
        Instant.now(),
        RunOutcome.SUCCEEDED,
        10,
        5,
        "snap-" + context.scheduledFireTime().toEpochMilli(),
        null,
        null,
        null);
  }
}

package io.volback.cli;

import io.volback.app.DrillListener;
import io.volback.app.DrillPlan;
import io.volback.app.DrillVolume;
import io.volback.app.Redaction;
import io.volback.app.Repositories;
import io.volback.app.RepositorySettings;
import io.volback.config.DockerHostConfig;
import io.volback.config.ServiceConfig;
import io.volback.docker.DockerHost;
import io.volback.repo.Repository;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.schedule.JobRunner.RunContext;
import io.volback.schedule.RunOutcome;
import io.volback.schedule.RunRecord;
import io.volback.schedule.ServiceJob;
import io.volback.schedule.VolumeLocks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceDrillRunner runs a drill job: every volume its policy (or its own volback.drill.schedule
 * label) drills on the job's host, the newest snapshot of each restored on the drill's target host
 * by app.DrillVolume. Each volume is drilled under the lock its backups take, so a drill never runs
 * while that volume is backed up on that host (it is then SKIPPED, as a second backup would be).
 * One record per volume: FAILED when its drill failed, naming the first mismatches.
 */
final class ServiceDrillRunner {
  private static final Logger log = LoggerFactory.getLogger(ServiceDrillRunner.class);
  private static final int MISMATCHES_NAMED = 3;

  private final ServiceConfig config;
  private final RepositorySettings repository;
  private final char[] password;
  private final ServiceHosts hosts;
  private final Supplier<VolumeLocks> locks;
  private final BiConsumer<String, DrillRecord> drills;

  ServiceDrillRunner(
      ServiceConfig config,
      RepositorySettings repository,
      char[] password,
      ServiceHosts hosts,
      Supplier<VolumeLocks> locks,
      BiConsumer<String, DrillRecord> drills) {
    this.config = config;
    this.repository = repository;
    this.password = password;
    this.hosts = hosts;
    this.locks = locks;
    this.drills = drills;
  }

  List<RunRecord> run(ServiceJob job, RunContext context) throws Exception {
    DockerHostConfig source = host(job.dockerHost());
    List<DrillPlan.DrilledVolume> mine;
    String sourceAddress;
    ServiceScan.HostScan scan = new ServiceScan(config, hosts).host(source);
    sourceAddress = scan.address();
    DrillPlan.Plan drillPlan = DrillPlan.of(scan.plan().volumes(), config.zone());
    drillPlan.problems().forEach(p -> log.warn("{}: {}", job.id(), p));
    mine = drillPlan.volumes().stream().filter(v -> belongsTo(v, job)).toList();
    List<RunRecord> records = new ArrayList<>();
    if (mine.isEmpty()) {
      log.info("{}: no volume to drill on {}", job.id(), source.name());
      return records;
    }
    try (Repository repo =
        Repositories.open(repository, password, Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      for (DrillPlan.DrilledVolume v : mine) {
        if (context.stopRequested().getAsBoolean()) {
          records.add(record(job, context, v, Instant.now(), RunOutcome.SKIPPED, null, "stopping"));
          continue;
        }
        records.add(drillLocked(job, context, repo, source, sourceAddress, v));
      }
    }
    return records;
  }

  private RunRecord drillLocked(
      ServiceJob job,
      RunContext context,
      Repository repo,
      DockerHostConfig source,
      String sourceAddress,
      DrillPlan.DrilledVolume v)
      throws Exception {
    Optional<VolumeLocks.Held> lock = locks.get().tryLock(source.name() + "/" + v.name());
    if (lock.isEmpty()) {
      return record(
          job,
          context,
          v,
          Instant.now(),
          RunOutcome.SKIPPED,
          null,
          "volume " + v.name() + " is being backed up; drilled at the next fire");
    }
    try (VolumeLocks.Held held = lock.get()) {
      // The run's start and end fall inside the lock, so that the history shows it never overlaps.
      return drill(job, context, repo, sourceAddress, v, Instant.now());
    }
  }

  private RunRecord drill(
      ServiceJob job,
      RunContext context,
      Repository repo,
      String sourceAddress,
      DrillPlan.DrilledVolume v,
      Instant start) {
    try (DockerHost target = hosts.open(host(v.targetHost()))) {
      SnapshotFilter filter =
          new SnapshotFilter(null, null, List.of(v.name()), List.of(sourceAddress));
      StoredDrill stored =
          new DrillVolume(repo, DockerAccess.volumeHost(target), new Phases(job.id()))
              .run(new DrillVolume.Request(v.name(), null, filter, v.keep(), v.probe()));
      DrillRecord d = stored.record();
      drills.accept(v.targetHost(), d);
      RunOutcome outcome = d.passed() ? RunOutcome.SUCCEEDED : RunOutcome.FAILED;
      return record(job, context, v, start, outcome, d, d.passed() ? null : failure(d));
    } catch (Exception e) {
      log.warn("{}: drill of volume {} failed: {}", job.id(), v.name(), ErrorReporter.message(e));
      return record(
          job, context, v, start, RunOutcome.FAILED, null, "drill: " + ErrorReporter.message(e));
    }
  }

  /** The one line a failed drill is told by: its error, the first mismatches, the probe. */
  static String failure(DrillRecord d) {
    List<String> parts = new ArrayList<>();
    if (d.error() != null) {
      parts.add(d.error());
    }
    if (d.mismatchCount() > 0) {
      parts.add(
          d.mismatchCount()
              + " mismatches, first: "
              + d.mismatches().stream()
                  .limit(MISMATCHES_NAMED)
                  .map(m -> m.path() + ": " + m.problem())
                  .collect(Collectors.joining("; ")));
    }
    if (d.probe() != null && !d.probe().passed()) {
      parts.add(d.probe().timedOut() ? "probe timed out" : "probe exited " + d.probe().exitCode());
    }
    return "drill failed" + (parts.isEmpty() ? "" : ": " + String.join("; ", parts));
  }

  private static boolean belongsTo(DrillPlan.DrilledVolume v, ServiceJob job) {
    if (job.volume() != null) {
      return v.ownSchedule() && v.name().equals(job.volume());
    }
    return !v.ownSchedule()
        && v.volume().policy() != null
        && v.volume().policy().name().equals(job.policy());
  }

  private DockerHostConfig host(String name) {
    return config.host(name).orElseThrow(() -> new IllegalStateException("no Docker host " + name));
  }

  private static RunRecord record(
      ServiceJob job,
      RunContext context,
      DrillPlan.DrilledVolume v,
      Instant start,
      RunOutcome outcome,
      DrillRecord d,
      String error) {
    return new RunRecord(
        UUID.randomUUID().toString(),
        job.id(),
        job.kind(),
        job.policy(),
        v.name(),
        job.dockerHost(),
        d == null ? null : d.hostname(),
        context.instance(),
        context.attempt(),
        start,
        Instant.now(),
        outcome,
        d == null ? 0 : d.bytesVerified(),
        0,
        d == null ? null : d.snapshot(),
        Redaction.text(error),
        d == null || d.probe() == null ? null : Redaction.text(d.probe().outputTail()),
        context.scheduledFireTime());
  }

  /** Drill phases on the log, at debug; warnings at warn. */
  private record Phases(String jobId) implements DrillListener {
    @Override
    public void drillPhase(String volume, String phase) {
      log.debug("{}: volume {}: {}", jobId, volume, phase);
    }

    @Override
    public void warning(String message) {
      log.warn("{}: {}", jobId, message);
    }
  }
}

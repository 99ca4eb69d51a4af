package io.volback.cli;

import io.volback.app.AccessPath;
import io.volback.app.BackupVolumes;
import io.volback.app.CheckRepository;
import io.volback.app.PolicyHooks;
import io.volback.app.ProgressListener;
import io.volback.app.ProtectedVolume;
import io.volback.app.PruneRepository;
import io.volback.app.Repositories;
import io.volback.app.RepositorySettings;
import io.volback.app.ServiceForget;
import io.volback.app.ServicePlan;
import io.volback.app.VolumeHost;
import io.volback.config.DockerHostConfig;
import io.volback.config.MaintenanceConfig;
import io.volback.config.PolicyConfig;
import io.volback.config.ServiceConfig;
import io.volback.docker.DockerHost;
import io.volback.hooks.DockerContainerOps;
import io.volback.hooks.HookEvent;
import io.volback.maintenance.CheckListener;
import io.volback.maintenance.CheckReport;
import io.volback.maintenance.Finding;
import io.volback.maintenance.Severity;
import io.volback.repo.Repository;
import io.volback.repo.drill.DrillRecord;
import io.volback.schedule.JobRunner;
import io.volback.schedule.RunOutcome;
import io.volback.schedule.RunRecord;
import io.volback.schedule.ServiceJob;
import io.volback.schedule.VolumeLocks;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceJobRunner does what the service's jobs ask, with the app layer's use cases: a backup job
 * re-reads its host's volumes and labels, takes the volumes its policy (or its own label schedule)
 * gives it, locks each against other runs, and backs them up with their hooks; forget+prune applies
 * every protected volume's retention and prunes; check checks. The repository and the Docker host
 * are opened for each run, so a run sees what other instances wrote and a host that was down at
 * start is reached when it is back. A run that cannot start (repository or host unreachable)
 * throws, and the scheduler retries it; a volume that fails is its own FAILED record.
 */
final class ServiceJobRunner implements JobRunner {
  private static final Logger log = LoggerFactory.getLogger(ServiceJobRunner.class);
  private static final int HOOK_OUTPUT_LIMIT = 4096;

  private final ServiceConfig config;
  private final RepositorySettings repository;
  private final char[] password;
  private final ServiceHosts hosts;
  private final Supplier<VolumeLocks> locks;
  private final ServiceDrillRunner drills;
  private final ServiceScan scan;

  /**
   * Forget+prune needs the repository's exclusive lock, which backups every few seconds (each
   * holding a shared one) would never leave it: a fair lock of this instance lets it in between,
   * new backups waiting behind it. Instances of a cluster still meet at the repository lock.
   */
  private final ReentrantReadWriteLock exclusive = new ReentrantReadWriteLock(true);

  ServiceJobRunner(
      ServiceConfig config,
      RepositorySettings repository,
      char[] password,
      ServiceHosts hosts,
      Supplier<VolumeLocks> locks) {
    this(config, repository, password, hosts, locks, (host, drill) -> {});
  }

  /** A runner whose drills' records also go to drillRecords (the metrics). */
  ServiceJobRunner(
      ServiceConfig config,
      RepositorySettings repository,
      char[] password,
      ServiceHosts hosts,
      Supplier<VolumeLocks> locks,
      BiConsumer<String, DrillRecord> drillRecords) {
    this.config = config;
    this.repository = repository;
    this.password = password;
    this.hosts = hosts;
    this.locks = locks;
    this.scan = new ServiceScan(config, hosts);
    this.drills = new ServiceDrillRunner(config, repository, password, hosts, locks, drillRecords);
  }

  @Override
  public List<RunRecord> run(ServiceJob job, RunContext context) throws Exception {
    return switch (job.kind()) {
      case BACKUP -> whileHolding(exclusive.readLock(), () -> backup(job, context));
      case FORGET_PRUNE ->
          whileHolding(exclusive.writeLock(), () -> List.of(forgetPrune(job, context)));
      case CHECK -> List.of(check(job, context));
      case DRILL -> whileHolding(exclusive.readLock(), () -> drills.run(job, context));
    };
  }

  /** Work that needs a lock of this instance. */
  private interface Work {
    List<RunRecord> run() throws Exception;
  }

  private static List<RunRecord> whileHolding(Lock lock, Work work) throws Exception {
    lock.lockInterruptibly();
    try {
      return work.run();
    } finally {
      lock.unlock();
    }
  }

  private List<RunRecord> backup(ServiceJob job, RunContext context) throws Exception {
    DockerHostConfig hostConfig =
        config
            .host(job.dockerHost())
            .orElseThrow(() -> new IllegalStateException("no Docker host " + job.dockerHost()));
    Instant start = Instant.now();
    List<RunRecord> records = new ArrayList<>();
    try (DockerHost docker = hosts.open(hostConfig)) {
      VolumeHost host = DockerAccess.volumeHost(docker);
      ServicePlan.Plan plan = scan.plan(hostConfig, host).plan();
      List<ProtectedVolume> mine = plan.volumes().stream().filter(v -> belongsTo(v, job)).toList();
      for (String problem : plan.problems()) {
        if (job.volume() != null && problem.startsWith("volume " + job.volume() + ":")) {
          records.add(
              record(job, context, job.volume(), hostConfig, start, RunOutcome.FAILED)
                  .error(problem)
                  .build());
        } else {
          log.warn("{}: {}", job.id(), problem);
        }
      }
      if (job.volume() != null && mine.isEmpty() && records.isEmpty()) {
        log.info(
            "{}: volume {} is no longer protected on {}; nothing to do",
            job.id(),
            job.volume(),
            hostConfig.name());
      }
      Map<String, VolumeLocks.Held> held = new LinkedHashMap<>();
      try {
        for (ProtectedVolume v : mine) {
          Optional<VolumeLocks.Held> lock = locks.get().tryLock(hostConfig.name() + "/" + v.name());
          if (lock.isPresent()) {
            held.put(v.name(), lock.get());
          } else {
            records.add(
                record(job, context, v.name(), hostConfig, start, RunOutcome.SKIPPED)
                    .error("another run is backing up volume " + v.name())
                    .build());
          }
        }
        if (!held.isEmpty()) {
          records.addAll(backupVolumes(job, context, docker, host, hostConfig, mine, held));
        }
      } finally {
        held.values().forEach(VolumeLocks.Held::close);
      }
    }
    return records;
  }

  private static boolean belongsTo(ProtectedVolume v, ServiceJob job) {
    if (job.volume() != null) {
      return v.ownSchedule() && v.name().equals(job.volume());
    }
    return !v.ownSchedule() && v.policy() != null && v.policy().name().equals(job.policy());
  }

  /**
   * Backs up the held volumes; a repository that does not open fails each of them (named in the
   * history and the notifications, and retried by the scheduler) before any container is touched.
   */
  private List<RunRecord> backupVolumes(
      ServiceJob job,
      RunContext context,
      DockerHost docker,
      VolumeHost host,
      DockerHostConfig hostConfig,
      List<ProtectedVolume> mine,
      Map<String, VolumeLocks.Held> held)
      throws IOException {
    List<String> names =
        mine.stream().map(ProtectedVolume::name).filter(held::containsKey).toList();
    Instant opening = Instant.now();
    Repository repo;
    try {
      repo = Repositories.open(repository, password, Repository.Preload.SNAPSHOTS_AND_INDEX);
    } catch (IOException e) {
      String error = "repository: " + ErrorReporter.message(e);
      log.warn("{}: the repository did not open: {}", job.id(), ErrorReporter.message(e));
      return names.stream()
          .map(
              v ->
                  record(job, context, v, hostConfig, opening, RunOutcome.FAILED)
                      .error(error)
                      .build())
          .toList();
    }
    try (repo) {
      return backupVolumes(job, context, repo, docker, host, hostConfig, mine, names);
    }
  }

  private List<RunRecord> backupVolumes(
      ServiceJob job,
      RunContext context,
      Repository repo,
      DockerHost docker,
      VolumeHost host,
      DockerHostConfig hostConfig,
      List<ProtectedVolume> mine,
      List<String> names)
      throws IOException {
    PolicyConfig policy = mine.get(0).policy();
    BackupVolumes.Request request =
        new BackupVolumes.Request(
            names,
            false,
            true,
            policy == null ? List.of() : policy.tags(),
            policy == null ? AccessPath.AUTO : AccessPath.valueOf(policy.readPath().name()),
            false,
            null,
            hostConfig.hostname(),
            null);
    Instant start = Instant.now();
    List<BackupVolumes.VolumeResult> results =
        new BackupVolumes(repo, host, new LoggingProgress(job.id()))
            .withHooks(
                new DockerContainerOps(docker),
                new PolicyHooks(policy),
                event -> logHook(job, event))
            .run(request);
    List<RunRecord> records = new ArrayList<>();
    for (BackupVolumes.VolumeResult r : results) {
      RunOutcome outcome =
          !r.ok()
              ? RunOutcome.FAILED
              : r.snapshot().incomplete() ? RunOutcome.PARTIAL : RunOutcome.SUCCEEDED;
      RecordBuilder b = record(job, context, r.volume(), hostConfig, start, outcome);
      if (r.snapshot() != null) {
        b.snapshot(r.snapshot().id())
            .bytes(r.snapshot().stats().bytesRead(), r.snapshot().stats().storedBytes())
            .hostname(r.snapshot().hostname());
        if (r.snapshot().incomplete()) {
          b.error(r.snapshot().skipped().count() + " entries could not be read");
        }
      }
      if (r.failure() != null) {
        b.error(r.failure().message());
      }
      if (!r.hooks().isEmpty()) {
        b.hookOutput(tail(r.hookLog()));
      }
      records.add(b.build());
    }
    return records;
  }

  private static void logHook(ServiceJob job, HookEvent e) {
    String line =
        e.action().label()
            + " "
            + e.container()
            + ": "
            + e.outcome().label()
            + (e.message() == null || e.message().isEmpty() ? "" : " (" + e.message() + ")");
    if (e.ok()) {
      log.info("{}: {}", job.id(), line);
    } else {
      log.warn("{}: {}", job.id(), line);
    }
  }

  private static String tail(String text) {
    return text.length() <= HOOK_OUTPUT_LIMIT
        ? text
        : text.substring(text.length() - HOOK_OUTPUT_LIMIT);
  }

  private RunRecord forgetPrune(ServiceJob job, RunContext context) throws Exception {
    Instant start = Instant.now();
    List<ProtectedVolume> volumes = new ArrayList<>();
    Map<String, String> addresses = new HashMap<>();
    ServiceScan.Scan scan = this.scan.all();
    for (ServiceScan.HostScan host : scan.reached()) {
      addresses.put(host.host().name(), host.address());
      volumes.addAll(host.plan().volumes());
    }
    List<String> unreachable = List.copyOf(scan.unreachable().keySet());
    scan.unreachable()
        .forEach(
            (host, why) ->
                log.warn(
                    "{}: Docker host {} did not answer ({}); its volumes are not forgotten this"
                        + " time",
                    job.id(),
                    host,
                    why));
    MaintenanceConfig.ForgetPrune settings = config.maintenance().forgetPrune();
    ServiceForget.Result result;
    try (Repository repo =
        Repositories.open(repository, password, Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      result =
          new ServiceForget(repo, config.zone())
              .run(
                  volumes,
                  addresses,
                  PruneRepository.maxUnused(settings == null ? "5%" : settings.maxUnused()));
    }
    log.info(
        "{}: forgot {} snapshots, pruning freed {} bytes",
        job.id(),
        result.forgotten(),
        result.prune().bytesFreed());
    RecordBuilder b =
        record(job, context, null, null, start, RunOutcome.SUCCEEDED)
            .bytes(0, result.prune().bytesFreed())
            .hookOutput(
                "forgot "
                    + result.forgotten()
                    + " snapshots; prune freed "
                    + result.prune().bytesFreed()
                    + " bytes");
    if (!unreachable.isEmpty()) {
      b.outcome(RunOutcome.PARTIAL)
          .error("Docker hosts not reached: " + String.join(", ", unreachable));
    }
    return b.build();
  }

  private RunRecord check(ServiceJob job, RunContext context) throws Exception {
    Instant start = Instant.now();
    MaintenanceConfig.Check settings = config.maintenance().check();
    CheckReport report =
        new CheckRepository(new CheckListener() {})
            .run(
                repository,
                password,
                CheckRepository.readData(false, settings.readDataSubset(), null));
    RecordBuilder b = record(job, context, null, null, start, RunOutcome.SUCCEEDED);
    if (report.damaged()) {
      List<Finding> errors =
          report.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
      Finding first = errors.isEmpty() ? report.findings().get(0) : errors.get(0);
      b.outcome(RunOutcome.FAILED)
          .error(
              errors.size() + " problems found; first: " + first.object() + ": " + first.message());
    }
    return b.build();
  }

  private static RecordBuilder record(
      ServiceJob job,
      RunContext context,
      String volume,
      DockerHostConfig host,
      Instant start,
      RunOutcome outcome) {
    return new RecordBuilder(
        job, context, volume, host == null ? null : host.name(), start, outcome);
  }

  /** RecordBuilder fills a RunRecord's optional fields by name. */
  private static final class RecordBuilder {
    private final ServiceJob job;
    private final RunContext context;
    private final String volume;
    private final String dockerHost;
    private final Instant start;
    private RunOutcome outcome;
    private String hostname;
    private long bytesRead;
    private long bytesAdded;
    private String snapshotId;
    private String error;
    private String hookOutput;

    RecordBuilder(
        ServiceJob job,
        RunContext context,
        String volume,
        String dockerHost,
        Instant start,
        RunOutcome outcome) {
      this.job = job;
      this.context = context;
      this.volume = volume;
      this.dockerHost = dockerHost;
      this.start = start;
      this.outcome = outcome;
    }

    RecordBuilder outcome(RunOutcome value) {
      outcome = value;
      return this;
    }

    RecordBuilder hostname(String value) {
      hostname = value;
      return this;
    }

    RecordBuilder bytes(long read, long added) {
      bytesRead = read;
      bytesAdded = added;
      return this;
    }

    RecordBuilder snapshot(String id) {
      snapshotId = id;
      return this;
    }

    RecordBuilder error(String message) {
      error = message;
      return this;
    }

    RecordBuilder hookOutput(String text) {
      hookOutput = text;
      return this;
    }

    RunRecord build() {
      return new RunRecord(
          UUID.randomUUID().toString(),
          job.id(),
          job.kind(),
          job.policy(),
          volume,
          dockerHost,
          hostname,
          context.instance(),
          context.attempt(),
          start,
          Instant.now(),
          outcome,
          bytesRead,
          bytesAdded,
          snapshotId,
          error,
          hookOutput,
          context.scheduledFireTime());
    }
  }

  /** Backup progress in the service: warnings to the log, nothing else. */
  private record LoggingProgress(String jobId) implements ProgressListener {
    @Override
    public void warning(String message) {
      log.warn("{}: {}", jobId, message);
    }
  }
}

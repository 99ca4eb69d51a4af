package io.volback.schedule;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.volback.schedule.JobRunner.RunContext;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QuartzServiceScheduler runs ServiceJobs on Quartz: the RAM job store for a single instance (run
 * history in a file under the state directory), or the clustered JDBC store on PostgreSQL (history
 * in a table, volume locks as advisory locks) for several instances sharing the schedule.
 *
 * <p>Each ServiceJob is one Quartz job with a cron trigger in the job's zone. A run that throws, or
 * a backup that returns a FAILED record, is recorded and retried as a whole by a one-shot trigger
 * after a doubling backoff, at most retries times. A fire missed while the service was down is run
 * once after start: by Quartz's misfire handling (fire and proceed) in the JDBC store, where
 * triggers survive; from the run history in the RAM store, where they do not.
 */
public final class QuartzServiceScheduler implements ServiceScheduler {
  private static final Logger log = LoggerFactory.getLogger(QuartzServiceScheduler.class);
  static final String CONTEXT_KEY = "volback.service-scheduler";
  static final String GROUP = "volback";
  private static final String ATTEMPT = "attempt";
  private static final String SCHEDULED = "scheduled_fire_time";

  private final SchedulerSettings settings;
  private final JobRunner runner;
  private final List<RunListener> listeners;
  private final HikariDataSource dataSource;
  private final RunHistory history;
  private final VolumeLocks locks;
  private final Scheduler quartz;
  private final Map<String, ServiceJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, Semaphore> hostSlots = new ConcurrentHashMap<>();
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private volatile List<ServiceJob> jobOrder = List.of();

  public QuartzServiceScheduler(
      SchedulerSettings settings, JobRunner runner, List<RunListener> listeners) throws Exception {
    this.settings = settings;
    this.runner = runner;
    this.listeners = List.copyOf(listeners);
    if (settings.store() == SchedulerSettings.Store.POSTGRESQL) {
      dataSource = dataSource(settings);
      try {
        QuartzSchema.ensure(dataSource);
        history = new JdbcRunHistory(dataSource);
      } catch (Exception e) {
        dataSource.close();
        throw e;
      }
      locks =
          new PostgresVolumeLocks(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword());
    } else {
      dataSource = null;
      history = new FileRunHistory(settings.stateDir(), settings.historyLimit());
      locks = new InProcessVolumeLocks();
    }
    quartz = new StdSchedulerFactory(quartzProperties(settings)).getScheduler();
    quartz.getContext().put(CONTEXT_KEY, this);
  }

  private static HikariDataSource dataSource(SchedulerSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.jdbcUser());
    config.setPassword(settings.jdbcPassword());
    config.setMaximumPoolSize(3);
    config.setPoolName("volback-history");
    config.setConnectionTimeout(10_000);
    return new HikariDataSource(config);
  }

  static Properties quartzProperties(SchedulerSettings s) {
    Properties p = new Properties();
    boolean memory = s.store() == SchedulerSettings.Store.MEMORY;
    // Quartz keeps schedulers by name per JVM; a RAM scheduler is private to its service object.
    p.setProperty(
        "org.quartz.scheduler.instanceName",
        memory ? s.schedulerName() + "-" + UUID.randomUUID() : s.schedulerName());
    p.setProperty("org.quartz.scheduler.instanceId", s.instanceId());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(s.threadCount()));
    // A run that ignores stopRequested past the shutdown timeout must not keep the JVM alive.
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty(
        "org.quartz.jobStore.misfireThreshold", Long.toString(s.misfireThreshold().toMillis()));
    if (memory) {
      p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
      return p;
    }
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval",
        Long.toString(s.clusterCheckinInterval().toMillis()));
    p.setProperty("org.quartz.jobStore.dataSource", "volback");
    p.setProperty("org.quartz.dataSource.volback.provider", "hikaricp");
    p.setProperty("org.quartz.dataSource.volback.driver", "org.postgresql.Driver");
    p.setProperty("org.quartz.dataSource.volback.URL", s.jdbcUrl());
    p.setProperty("org.quartz.dataSource.volback.user", nullToEmpty(s.jdbcUser()));
    p.setProperty("org.quartz.dataSource.volback.password", nullToEmpty(s.jdbcPassword()));
    p.setProperty(
        "org.quartz.dataSource.volback.maxConnections", Integer.toString(s.threadCount() + 3));
    return p;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override
  public void start(List<ServiceJob> serviceJobs) throws Exception {
    Map<String, ServiceJob> byId = new LinkedHashMap<>();
    for (ServiceJob job : serviceJobs) {
      if (byId.put(job.id(), job) != null) {
        throw new IllegalArgumentException("two jobs share the id " + job.id());
      }
    }
    jobs.clear();
    jobs.putAll(byId);
    jobOrder = List.copyOf(byId.values());
    for (JobKey key : quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      if (!byId.containsKey(key.getName())) {
        quartz.deleteJob(key);
      }
    }
    Instant now = Instant.now();
    for (ServiceJob job : byId.values()) {
      schedule(job);
    }
    if (settings.store() == SchedulerSettings.Store.MEMORY) {
      for (ServiceJob job : byId.values()) {
        catchUpMissedFire(job, now);
      }
    }
    quartz.start();
  }

  /**
   * Replaces the jobs while running: new ones are scheduled, gone ones deleted, unchanged ones keep
   * their triggers. Nothing is caught up (the service was up).
   */
  public void reschedule(List<ServiceJob> serviceJobs) throws Exception {
    Map<String, ServiceJob> byId = new LinkedHashMap<>();
    for (ServiceJob job : serviceJobs) {
      if (byId.put(job.id(), job) != null) {
        throw new IllegalArgumentException("two jobs share the id " + job.id());
      }
    }
    for (JobKey key : quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      if (!byId.containsKey(key.getName())) {
        quartz.deleteJob(key);
      }
    }
    jobs.keySet().retainAll(byId.keySet());
    jobs.putAll(byId);
    jobOrder = List.copyOf(byId.values());
    for (ServiceJob job : byId.values()) {
      schedule(job);
    }
  }

  private void schedule(ServiceJob job) throws SchedulerException {
    JobDetail detail =
        JobBuilder.newJob(QuartzFireJob.class)
            .withIdentity(job.id(), GROUP)
            .withDescription(job.kind().name())
            .storeDurably()
            .build();
    CronTrigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(job.id(), GROUP)
            .forJob(detail)
            .withSchedule(
                CronScheduleBuilder.cronSchedule(job.cron())
                    .inTimeZone(TimeZone.getTimeZone(job.zone()))
                    .withMisfireHandlingInstructionFireAndProceed())
            .build();
    // An unchanged trigger stays as the store has it: in the JDBC store its next fire time is how
    // Quartz notices a fire missed while the whole cluster was down.
    if (quartz.getTrigger(trigger.getKey()) instanceof CronTrigger existing
        && existing.getCronExpression().equals(job.cron())
        && existing.getTimeZone().getID().equals(TimeZone.getTimeZone(job.zone()).getID())) {
      return;
    }
    quartz.scheduleJob(detail, Set.of(trigger), true);
  }

  /** RAM store: one fire when the job's last run is older than its latest due fire time. */
  private void catchUpMissedFire(ServiceJob job, Instant now) throws Exception {
    Optional<RunRecord> last = history.lastOf(job.id());
    if (last.isEmpty()) {
      return;
    }
    // The cron trigger itself runs every fire from its first fire time on, which Quartz may set
    // up to a second before now: only fires before it are missed.
    Instant firstOwnFire = nextFireTime(job.id()).filter(t -> t.isBefore(now)).orElse(now);
    Optional<Instant> missed = latestMissedFire(job, last.get().start(), firstOwnFire);
    if (missed.isPresent()) {
      log.info("job {} missed its fire at {}; running it once now", job.id(), missed.get());
      fireOnce(job, missed.get(), 1, now, "catch-up");
    }
  }

  /** The latest fire time of job after lastRun and before bound, if any. */
  static Optional<Instant> latestMissedFire(ServiceJob job, Instant lastRun, Instant bound)
      throws ParseException {
    CronExpression cron = new CronExpression(job.cron());
    cron.setTimeZone(TimeZone.getTimeZone(job.zone()));
    Date due = cron.getTimeAfter(Date.from(lastRun));
    if (due == null || !due.toInstant().isBefore(bound)) {
      return Optional.empty();
    }
    // Bounded: after a very long outage of a frequent job the first missed time is good enough.
    for (int i = 0; i < 100_000; i++) {
      Date next = cron.getTimeAfter(due);
      if (next == null || !next.toInstant().isBefore(bound)) {
        break;
      }
      due = next;
    }
    return Optional.of(due.toInstant());
  }

  private void fireOnce(ServiceJob job, Instant scheduled, int attempt, Instant at, String why)
      throws SchedulerException {
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(why + "/" + job.id() + "/" + UUID.randomUUID(), GROUP)
            .forJob(job.id(), GROUP)
            .usingJobData(ATTEMPT, Integer.toString(attempt))
            .usingJobData(SCHEDULED, scheduled.toString())
            .startAt(Date.from(at))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    quartz.scheduleJob(trigger);
  }

  /** Runs one fire of a job: called by QuartzFireJob on a Quartz worker thread. */
  void fire(JobExecutionContext context) {
    String id = context.getJobDetail().getKey().getName();
    ServiceJob job = jobs.get(id);
    if (job == null) {
      log.warn("job {} fired but this instance does not define it; skipped", id);
      return;
    }
    JobDataMap data = context.getMergedJobDataMap();
    int attempt = data.containsKey(ATTEMPT) ? Integer.parseInt(data.getString(ATTEMPT)) : 1;
    Instant scheduled =
        data.containsKey(SCHEDULED)
            ? Instant.parse(data.getString(SCHEDULED))
            : context.getScheduledFireTime().toInstant();
    Semaphore slot =
        job.dockerHost() == null
            ? null
            : hostSlots.computeIfAbsent(
                job.dockerHost(), h -> new Semaphore(settings.maxConcurrentPerHost(), true));
    try {
      if (slot != null && !awaitSlot(slot)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      if (stopRequested.get()) {
        return;
      }
      run(job, scheduled, attempt);
    } finally {
      if (slot != null) {
        slot.release();
      }
    }
  }

  private boolean awaitSlot(Semaphore slot) throws InterruptedException {
    while (!slot.tryAcquire(100, TimeUnit.MILLISECONDS)) {
      if (stopRequested.get()) {
        return false;
      }
    }
    return true;
  }

  private void run(ServiceJob job, Instant scheduled, int attempt) {
    for (RunListener listener : listeners) {
      try {
        listener.runStarted(job, attempt);
      } catch (RuntimeException e) {
        log.warn("run listener failed at the start of {}: {}", job.id(), e.toString());
      }
    }
    Instant start = Instant.now();
    List<RunRecord> records;
    boolean thrown = false;
    try {
      records =
          runner.run(job, new RunContext(scheduled, attempt, instanceId(), stopRequested::get));
    } catch (Exception e) {
      thrown = true;
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      records = List.of(failed(job, scheduled, attempt, start, e));
      log.warn("job {} attempt {} failed: {}", job.id(), attempt, records.get(0).error());
    }
    if (shouldRetry(job, records, thrown)
        && attempt <= settings.retries()
        && !stopRequested.get()) {
      scheduleRetry(job, scheduled, attempt);
    }
    for (RunRecord record : records) {
      keep(job, record);
    }
  }

  /**
   * A run that threw is retried; so is a backup with a volume that failed (the repository went away
   * mid-run), but not a check that found damage: that would only be found again.
   */
  private static boolean shouldRetry(ServiceJob job, List<RunRecord> records, boolean thrown) {
    return thrown
        || (job.kind() == JobKind.BACKUP
            && records.stream().anyMatch(r -> r.outcome() == RunOutcome.FAILED));
  }

  private void scheduleRetry(ServiceJob job, Instant scheduled, int attempt) {
    Duration backoff = settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
    try {
      fireOnce(job, scheduled, attempt + 1, Instant.now().plus(backoff), "retry");
    } catch (SchedulerException e) {
      log.warn("could not schedule the retry of {}: {}", job.id(), e.getMessage());
    }
  }

  private RunRecord failed(
      ServiceJob job, Instant scheduled, int attempt, Instant start, Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new RunRecord(
        UUID.randomUUID().toString(),
        job.id(),
        job.kind(),
        job.policy(),
        job.volume(),
        job.dockerHost(),
        null,
        instanceId(),
        attempt,
        start,
        Instant.now(),
        RunOutcome.FAILED,
        0,
        0,
        null,
        message,
        null,
        scheduled);
  }

  private void keep(ServiceJob job, RunRecord record) {
    try {
      history.append(record);
    } catch (Exception e) {
      log.warn("could not keep the run record of {}: {}", job.id(), e.getMessage());
    }
    for (RunListener listener : listeners) {
      try {
        listener.runFinished(job, record);
      } catch (RuntimeException e) {
        log.warn("run listener failed on a record of {}: {}", job.id(), e.toString());
      }
    }
  }

  @Override
  public boolean isStarted() {
    try {
      return quartz.isStarted() && !quartz.isShutdown() && !quartz.isInStandbyMode();
    } catch (SchedulerException e) {
      return false;
    }
  }

  @Override
  public List<ServiceJob> jobs() {
    return jobOrder;
  }

  @Override
  public Optional<Instant> nextFireTime(String jobId) {
    try {
      Trigger trigger = quartz.getTrigger(TriggerKey.triggerKey(jobId, GROUP));
      return trigger == null || trigger.getNextFireTime() == null
          ? Optional.empty()
          : Optional.of(trigger.getNextFireTime().toInstant());
    } catch (SchedulerException e) {
      log.warn("could not read the next fire time of {}: {}", jobId, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public boolean triggerNow(String jobId) throws Exception {
    ServiceJob job = jobs.get(jobId);
    if (job == null) {
      return false;
    }
    Instant now = Instant.now();
    fireOnce(job, now, 1, now, "now");
    return true;
  }

  @Override
  public RunHistory history() {
    return history;
  }

  @Override
  public VolumeLocks volumeLocks() {
    return locks;
  }

  @Override
  public String instanceId() {
    try {
      return quartz.getSchedulerInstanceId();
    } catch (SchedulerException e) {
      return settings.instanceId();
    }
  }

  /** The settings' shutdown timeout. */
  @Override
  public void close() throws Exception {
    shutdown(settings.shutdownTimeout());
  }

  @Override
  public void shutdown(Duration timeout) throws Exception {
    stopRequested.set(true);
    try {
      if (quartz.isShutdown()) {
        return;
      }
      quartz.standby();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!quartz.getCurrentlyExecutingJobs().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      List<String> still = new ArrayList<>();
      for (JobExecutionContext running : quartz.getCurrentlyExecutingJobs()) {
        still.add(running.getJobDetail().getKey().getName());
      }
      if (still.isEmpty()) {
        // Nothing runs: waiting for Quartz's threads is quick and leaves no thread on the store.
        quartz.shutdown(true);
      } else {
        log.warn("shutting down after {} with jobs still running: {}", timeout, still);
        quartz.shutdown(false);
      }
    } finally {
      if (dataSource != null) {
        dataSource.close();
      }
    }
  }
}

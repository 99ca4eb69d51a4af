package io.volback.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * SchedulerSettings says how QuartzServiceScheduler runs: which job store, how many threads, how
 * failed runs are retried and how long shutdown waits.
 *
 * @param store MEMORY (Quartz's RAM store, one instance) or POSTGRESQL (clustered JDBC store)
 * @param jdbcUrl the PostgreSQL URL (POSTGRESQL only)
 * @param jdbcUser the PostgreSQL user (POSTGRESQL only)
 * @param jdbcPassword the PostgreSQL password (POSTGRESQL only; never logged)
 * @param schedulerName the Quartz scheduler name; every instance of one cluster uses the same
 * @param instanceId this instance's id, or "AUTO" (host name and start time)
 * @param threadCount how many jobs may run at once on this instance
 * @param maxConcurrentPerHost how many runs may use one Docker host at once on this instance
 * @param retries how many times a failed run is retried
 * @param retryBackoff the wait before the first retry; it doubles with every further attempt
 * @param misfireThreshold how late a fire may be before it counts as missed
 * @param shutdownTimeout how long close() waits for running jobs
 * @param clusterCheckinInterval how often a clustered instance checks in (and notices dead ones)
 * @param stateDir where the single-instance run history lives
 * @param historyLimit how many records the file history keeps
 */
public record SchedulerSettings(
    Store store,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    String schedulerName,
    String instanceId,
    int threadCount,
    int maxConcurrentPerHost,
    int retries,
    Duration retryBackoff,
    Duration misfireThreshold,
    Duration shutdownTimeout,
    Duration clusterCheckinInterval,
    Path stateDir,
    int historyLimit) {

  /** Where Quartz keeps its jobs and triggers. */
  public enum Store {
    MEMORY,
    POSTGRESQL
  }

  public SchedulerSettings {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(schedulerName, "schedulerName");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(misfireThreshold, "misfireThreshold");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(clusterCheckinInterval, "clusterCheckinInterval");
    if (store == Store.POSTGRESQL && jdbcUrl == null) {
      throw new IllegalArgumentException("the PostgreSQL store needs a JDBC URL");
    }
    if (store == Store.MEMORY && stateDir == null) {
      throw new IllegalArgumentException("the memory store needs a state directory");
    }
    if (threadCount < 1 || maxConcurrentPerHost < 1 || retries < 0 || historyLimit < 1) {
      throw new IllegalArgumentException(
          "thread count, per-host limit and history limit must be positive, retries not negative");
    }
  }

  /** The single-instance defaults: RAM store, history under stateDir. */
  public static SchedulerSettings memory(Path stateDir) {
    return defaults(Store.MEMORY, null, null, null, stateDir);
  }

  /** The clustered defaults: PostgreSQL's JDBC store and history table. */
  public static SchedulerSettings postgresql(String jdbcUrl, String user, String password) {
    return defaults(Store.POSTGRESQL, jdbcUrl, user, password, null);
  }

  private static SchedulerSettings defaults(
      Store store, String jdbcUrl, String user, String password, Path stateDir) {
    return new SchedulerSettings(
        store,
        jdbcUrl,
        user,
        password,
        "volback",
        "AUTO",
        4,
        2,
        2,
        Duration.ofMinutes(1),
        Duration.ofMinutes(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(15),
        stateDir,
        10_000);
  }

  public SchedulerSettings withRetries(int count, Duration backoff) {
    return edit(
        b -> {
          b.retries = count;
          b.retryBackoff = backoff;
        });
  }

  public SchedulerSettings withThreads(int threads, int perHost) {
    return edit(
        b -> {
          b.threadCount = threads;
          b.maxConcurrentPerHost = perHost;
        });
  }

  public SchedulerSettings withTiming(Duration misfire, Duration checkin) {
    return edit(
        b -> {
          b.misfireThreshold = misfire;
          b.clusterCheckinInterval = checkin;
        });
  }

  public SchedulerSettings withInstanceId(String id) {
    return edit(b -> b.instanceId = id);
  }

  /** These settings with the changes change makes to a copy of their fields. */
  private SchedulerSettings edit(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new SchedulerSettings(
        f.store,
        f.jdbcUrl,
        f.jdbcUser,
        f.jdbcPassword,
        f.schedulerName,
        f.instanceId,
        f.threadCount,
        f.maxConcurrentPerHost,
        f.retries,
        f.retryBackoff,
        f.misfireThreshold,
        f.shutdownTimeout,
        f.clusterCheckinInterval,
        f.stateDir,
        f.historyLimit);
  }

  /** The fields of a settings record, to change some before making a new one. */
  private static final class Fields {
    final Store store;
    final String jdbcUrl;
    final String jdbcUser;
    final String jdbcPassword;
    final String schedulerName;
    String instanceId;
    int threadCount;
    int maxConcurrentPerHost;
    int retries;
    Duration retryBackoff;
    Duration misfireThreshold;
    final Duration shutdownTimeout;
    Duration clusterCheckinInterval;
    final Path stateDir;
    final int historyLimit;

    Fields(SchedulerSettings s) {
      store = s.store;
      jdbcUrl = s.jdbcUrl;
      jdbcUser = s.jdbcUser;
      jdbcPassword = s.jdbcPassword;
      schedulerName = s.schedulerName;
      instanceId = s.instanceId;
      threadCount = s.threadCount;
      maxConcurrentPerHost = s.maxConcurrentPerHost;
      retries = s.retries;
      retryBackoff = s.retryBackoff;
      misfireThreshold = s.misfireThreshold;
      shutdownTimeout = s.shutdownTimeout;
      clusterCheckinInterval = s.clusterCheckinInterval;
      stateDir = s.stateDir;
      historyLimit = s.historyLimit;
    }
  }

  @Override
  public String toString() {
    return "SchedulerSettings[store="
        + store
        + ", jdbcUrl="
        + jdbcUrl
        + ", instanceId="
        + instanceId
        + ", threads="
        + threadCount
        + "]";
  }
}

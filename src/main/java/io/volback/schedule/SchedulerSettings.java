package io.volback.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

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
    return new SchedulerSettings(
        Store.MEMORY,
        null,
        null,
        null,
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

  /** The clustered defaults: PostgreSQL's JDBC store and history table. */
  public static SchedulerSettings postgresql(String jdbcUrl, String user, String password) {
    return new SchedulerSettings(
        Store.POSTGRESQL,
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
        null,
        10_000);
  }

  public SchedulerSettings withRetries(int count, Duration backoff) {
    return new SchedulerSettings(
        store,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        schedulerName,
        instanceId,
        threadCount,
        maxConcurrentPerHost,
        count,
        backoff,
        misfireThreshold,
        shutdownTimeout,
        clusterCheckinInterval,
        stateDir,
        historyLimit);
  }

  public SchedulerSettings withThreads(int threads, int perHost) {
    return new SchedulerSettings(
        store,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        schedulerName,
        instanceId,
        threads,
        perHost,
        retries,
        retryBackoff,
        misfireThreshold,
        shutdownTimeout,
        clusterCheckinInterval,
        stateDir,
        historyLimit);
  }

  public SchedulerSettings withTiming(Duration misfire, Duration checkin) {
    return new SchedulerSettings(
        store,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        schedulerName,
        instanceId,
        threadCount,
        maxConcurrentPerHost,
        retries,
        retryBackoff,
        misfire,
        shutdownTimeout,
        checkin,
        stateDir,
        historyLimit);
  }

  public SchedulerSettings withInstanceId(String id) {
    return new SchedulerSettings(
        store,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        schedulerName,
        id,
        threadCount,
        maxConcurrentPerHost,
        retries,
        retryBackoff,
        misfireThreshold,
        shutdownTimeout,
        clusterCheckinInterval,
        stateDir,
        historyLimit);
  }

  public SchedulerSettings withHistoryLimit(int limit) {
    return new SchedulerSettings(
        store,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        schedulerName,
        instanceId,
        threadCount,
        maxConcurrentPerHost,
        retries,
        retryBackoff,
        misfireThreshold,
        shutdownTimeout,
        clusterCheckinInterval,
        stateDir,
        limit);
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

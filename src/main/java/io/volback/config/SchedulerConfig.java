package io.volback.config;

import java.time.Duration;

/**
 * SchedulerConfig is how Quartz runs the jobs.
 *
 * @param store where jobs and triggers live: in memory (one instance) or in PostgreSQL (a cluster)
 * @param postgresql the database of the postgresql store, or null for the memory store
 * @param instanceId this instance's id in a cluster ("AUTO": generated)
 * @param maxConcurrentPerHost how many backups may run at once on one Docker host
 * @param retries how many times a failed run is tried again
 * @param retryBackoff the wait before the first retry (doubled for each next one)
 * @param shutdownTimeout how long a running job may take to finish on SIGTERM
 */
public record SchedulerConfig(
    Store store,
    Postgresql postgresql,
    String instanceId,
    int maxConcurrentPerHost,
    int retries,
    Duration retryBackoff,
    Duration shutdownTimeout) {

  public static final SchedulerConfig DEFAULT =
      new SchedulerConfig(
          Store.MEMORY, null, "AUTO", 1, 2, Duration.ofSeconds(30), Duration.ofSeconds(60));

  /** Store is Quartz's job store. */
  public enum Store {
    /** Quartz's RAM job store: one instance, nothing to install. */
    MEMORY,
    /** Quartz's clustered JDBC job store on PostgreSQL. */
    POSTGRESQL
  }

  /**
   * Postgresql is the database of a clustered scheduler. The url may carry a password parameter, so
   * toString hides its query.
   *
   * @param url jdbc:postgresql://host:port/database
   * @param user the database user, or null
   * @param password where the user's password is read, or null
   */
  public record Postgresql(String url, String user, SecretRef password) {
    @Override
    public String toString() {
      int q = url.indexOf('?');
      String shown = q < 0 ? url : url.substring(0, q) + "?***";
      return "Postgresql[url=" + shown + ", user=" + user + ", password=" + password + "]";
    }
  }
}

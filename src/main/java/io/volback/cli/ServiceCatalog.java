package io.volback.cli;

import io.volback.app.ProtectedVolume;
import io.volback.app.Repositories;
import io.volback.app.RepositorySettings;
import io.volback.config.ServiceConfig;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.schedule.JobKind;
import io.volback.schedule.RunListener;
import io.volback.schedule.RunRecord;
import io.volback.schedule.ServiceJob;
import io.volback.server.ReadinessProbe;
import io.volback.server.ServiceMetrics;
import io.volback.server.VolumeCatalog;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceCatalog answers the API's volume list (each protected volume with its newest snapshot,
 * which also sets the snapshot-count metric) and the readiness probe (the repository's config is
 * reachable) from memory. Opening the repository costs a scrypt key derivation and listing the
 * hosts a round trip each, so a thread of its own refreshes both every interval and after each
 * backup or forget+prune; a request right after such a run waits (bounded) for that refresh, so a
 * run in the history shows in the list.
 */
final class ServiceCatalog implements VolumeCatalog, ReadinessProbe, RunListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceCatalog.class);
  private static final Duration WAIT_FOR_REFRESH = Duration.ofSeconds(20);

  private final RepositorySettings repository;
  private final char[] password;
  private final ServiceScan scan;
  private final ServiceMetrics metrics;
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "volback-catalog");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean refreshQueued = new AtomicBoolean();

  private volatile List<VolumeStatus> volumes;
  private volatile Optional<String> notReady = Optional.of("the service is starting");
  private long requested;
  private long refreshed;
  private boolean lookedOnce;

  ServiceCatalog(
      ServiceConfig config,
      RepositorySettings repository,
      char[] password,
      ServiceHosts hosts,
      ServiceMetrics metrics) {
    this.repository = repository;
    this.password = password;
    this.scan = new ServiceScan(config, hosts);
    this.metrics = metrics;
  }

  /**
   * Refreshes now and every interval, on the catalog's thread: a repository that does not answer
   * must not hold up the start (until the first refresh, the service is not ready).
   */
  void start(Duration interval) {
    refresher.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public List<VolumeStatus> volumes() throws Exception {
    awaitRefresh();
    List<VolumeStatus> known = volumes;
    if (known == null) {
      throw new IOException(
          "the protected volumes are not known yet: " + notReady.orElse("the repository is read"));
    }
    return known;
  }

  @Override
  public Optional<String> notReadyReason() {
    return notReady;
  }

  /** A backup or forget+prune changed the snapshots: refresh, once for a run's many records. */
  @Override
  public void runFinished(ServiceJob job, RunRecord record) {
    if (job.kind() != JobKind.BACKUP && job.kind() != JobKind.FORGET_PRUNE) {
      return;
    }
    synchronized (this) {
      requested++;
    }
    if (refreshQueued.compareAndSet(false, true)) {
      refresher.execute(
          () -> {
            refreshQueued.set(false);
            refresh();
          });
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }

  /**
   * Waits until the first refresh (if it failed, volumes() says so) and the one asked for by the
   * last run have finished.
   */
  private synchronized void awaitRefresh() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_FOR_REFRESH.toNanos();
    while (!lookedOnce || refreshed < requested) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  private void refresh() {
    long asked;
    synchronized (this) {
      asked = requested;
    }
    try {
      Optional<String> reason = readiness();
      notReady = reason;
      if (reason.isEmpty()) {
        volumes = list();
      }
    } catch (IOException | RuntimeException e) {
      log.warn("the protected volumes were not refreshed: {}", ErrorReporter.message(e));
    } finally {
      synchronized (this) {
        refreshed = Math.max(refreshed, asked);
        lookedOnce = true;
        notifyAll();
      }
    }
  }

  private Optional<String> readiness() {
    try (ObjectStore store = Repositories.store(repository)) {
      if (store.stat(RepoLayout.CONFIG).isEmpty()) {
        return Optional.of("no repository at " + store.location());
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of("the repository does not answer: " + e.getMessage());
    }
  }

  private List<VolumeStatus> list() throws IOException {
    List<VolumeStatus> out = new ArrayList<>();
    try (Repository repo = Repositories.open(repository, password, Repository.Preload.SNAPSHOTS)) {
      List<StoredSnapshot> snapshots = repo.snapshots();
      ServiceScan.Scan hosts = scan.all();
      for (ServiceScan.HostScan host : hosts.reached()) {
        String name = host.host().name();
        for (ProtectedVolume v : host.plan().volumes()) {
          SnapshotFilter filter =
              new SnapshotFilter(null, null, List.of(v.name()), List.of(host.address()));
          List<StoredSnapshot> mine =
              snapshots.stream().filter(s -> filter.matches(s.snapshot())).toList();
          metrics.setSnapshotCount(v.name(), name, mine.size());
          Optional<StoredSnapshot> latest =
              mine.stream().max(Comparator.comparing(s -> s.snapshot().time()));
          out.add(
              new VolumeStatus(
                  v.name(),
                  name,
                  latest.map(s -> s.id().hex()).orElse(null),
                  latest.map(s -> s.snapshot().time()).orElse(null)));
        }
      }
      hosts
          .unreachable()
          .forEach((h, why) -> log.debug("Docker host {} did not answer: {}", h, why));
    }
    return List.copyOf(out);
  }
}

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
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceCatalog answers the API's volume list (each protected volume with its newest snapshot,
 * which also sets the snapshot-count metric) and the readiness probe (the repository's config is
 * reachable) from memory. Opening the repository costs a scrypt key derivation and listing the
 * hosts a round trip each, so the list is built again only when a request finds it stale: after a
 * backup or forget+prune run, and once every interval (for what other instances and the CLI did).
 * Readiness is looked at on the catalog's own thread every interval; a request only reads it.
 */
final class ServiceCatalog implements VolumeCatalog, ReadinessProbe, RunListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceCatalog.class);

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

  private volatile Optional<String> notReady = Optional.of("the service is starting");
  private List<VolumeStatus> volumes;
  private final AtomicLong changes = new AtomicLong();
  private long listed = -1;

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
   * Looks at the repository now and every interval, on the catalog's thread (a repository that does
   * not answer must not hold up the start; until then the service is not ready), and lets the
   * volume list age by one interval at most.
   */
  void start(Duration interval) {
    refresher.scheduleWithFixedDelay(
        () -> {
          notReady = readiness();
          changed();
        },
        0,
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * The list as last built; built again first when something changed since. Requests at the same
   * time share one build.
   */
  @Override
  public synchronized List<VolumeStatus> volumes() throws Exception {
    if (listed < changes.get() || volumes == null) {
      long seen = changes.get();
      try {
        volumes = list();
      } catch (IOException | RuntimeException e) {
        if (volumes == null) {
          throw e;
        }
        log.warn("the protected volumes were not listed again: {}", ErrorReporter.message(e));
      } finally {
        // A failed build is tried again at the next change, not at every request.
        listed = seen;
      }
    }
    return volumes;
  }

  @Override
  public Optional<String> notReadyReason() {
    return notReady;
  }

  /** A backup or forget+prune changed the snapshots. */
  @Override
  public void runFinished(ServiceJob job, RunRecord record) {
    if (job.kind() == JobKind.BACKUP || job.kind() == JobKind.FORGET_PRUNE) {
      changed();
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }

  private void changed() {
    changes.incrementAndGet();
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

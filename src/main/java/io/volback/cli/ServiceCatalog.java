package io.volback.cli;

import io.volback.app.ProtectedVolume;
import io.volback.app.Repositories;
import io.volback.app.RepositorySettings;
import io.volback.app.ServicePlan;
import io.volback.app.VolumeHost;
import io.volback.config.DockerHostConfig;
import io.volback.config.ServiceConfig;
import io.volback.docker.DockerHost;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.server.ReadinessProbe;
import io.volback.server.ServiceMetrics;
import io.volback.server.VolumeCatalog;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceCatalog answers the API's volume list (each protected volume with its newest snapshot,
 * which also sets the snapshot-count metric) and the readiness probe (the repository's config is
 * reachable).
 */
final class ServiceCatalog implements VolumeCatalog, ReadinessProbe {
  private static final Logger log = LoggerFactory.getLogger(ServiceCatalog.class);

  private final ServiceConfig config;
  private final RepositorySettings repository;
  private final char[] password;
  private final ServiceHosts hosts;
  private final ServiceMetrics metrics;

  ServiceCatalog(
      ServiceConfig config,
      RepositorySettings repository,
      char[] password,
      ServiceHosts hosts,
      ServiceMetrics metrics) {
    this.config = config;
    this.repository = repository;
    this.password = password;
    this.hosts = hosts;
    this.metrics = metrics;
  }

  @Override
  public List<VolumeStatus> volumes() throws Exception {
    List<VolumeStatus> out = new ArrayList<>();
    try (Repository repo = Repositories.open(repository, password, Repository.Preload.SNAPSHOTS)) {
      List<StoredSnapshot> snapshots = repo.snapshots();
      for (DockerHostConfig hostConfig : config.hosts()) {
        try (DockerHost docker = hosts.open(hostConfig)) {
          VolumeHost host = ServiceHosts.volumeHost(docker);
          for (ProtectedVolume v :
              new ServicePlan(config).protect(hostConfig.name(), host.volumes()).volumes()) {
            SnapshotFilter filter =
                new SnapshotFilter(null, null, List.of(v.name()), List.of(host.address()));
            List<StoredSnapshot> mine =
                snapshots.stream().filter(s -> filter.matches(s.snapshot())).toList();
            metrics.setSnapshotCount(v.name(), hostConfig.name(), mine.size());
            Optional<StoredSnapshot> latest =
                mine.stream().max(Comparator.comparing(s -> s.snapshot().time()));
            out.add(
                new VolumeStatus(
                    v.name(),
                    hostConfig.name(),
                    latest.map(s -> s.id().hex()).orElse(null),
                    latest.map(s -> s.snapshot().time()).orElse(null)));
          }
        } catch (IOException e) {
          log.warn("Docker host {} did not answer: {}", hostConfig.name(), e.getMessage());
        }
      }
    }
    return out;
  }

  @Override
  public Optional<String> notReadyReason() {
    try (ObjectStore store = Repositories.store(repository)) {
      if (store.stat(RepoLayout.CONFIG).isEmpty()) {
        return Optional.of("no repository at " + store.location());
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of("the repository does not answer: " + e.getMessage());
    }
  }
}

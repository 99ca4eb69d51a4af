package io.volback.cli;

import io.volback.app.Repositories;
import io.volback.app.RepositorySettings;
import io.volback.repo.Repository;
import io.volback.repo.drill.StoredDrill;
import io.volback.server.DrillCatalog;
import java.util.List;

/**
 * ServiceDrills reads the drill records of the repository for the API, at each request: records
 * written by other instances and by `volback drill` count as much as this service's.
 */
final class ServiceDrills implements DrillCatalog {
  private final RepositorySettings repository;
  private final char[] password;

  ServiceDrills(RepositorySettings repository, char[] password) {
    this.repository = repository;
    this.password = password;
  }

  @Override
  public List<StoredDrill> drills() throws Exception {
    try (Repository repo = Repositories.open(repository, password, Repository.Preload.NOTHING)) {
      return repo.drills();
    }
  }
}

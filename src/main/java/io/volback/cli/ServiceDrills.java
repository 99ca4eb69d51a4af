package io.volback.cli;

import io.volback.app.Repositories;
import io.volback.app.RepositorySettings;
import io.volback.repo.Id;
import io.volback.repo.Repository;
import io.volback.repo.drill.StoredDrill;
import io.volback.server.DrillCatalog;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * ServiceDrills reads the drill records of the repository for the API and the drill metrics, at
 * each request: records written by other instances and by `volback drill` count as much as this
 * service's. The repository stays open between requests (opening derives the key, which costs a
 * quarter of a second of CPU: an open per request would let any client of the API keep a core
 * busy), and a record once read is not read again (records never change); only the listing of
 * drills/ is done each time. A failure closes the repository; the next request opens it again.
 */
final class ServiceDrills implements DrillCatalog, AutoCloseable {
  private final RepositorySettings repository;
  private final char[] password;
  private Repository repo;
  private Map<Id, StoredDrill> known = Map.of();

  ServiceDrills(RepositorySettings repository, char[] password) {
    this.repository = repository;
    this.password = password;
  }

  @Override
  public synchronized List<StoredDrill> drills() throws Exception {
    try {
      if (repo == null) {
        repo = Repositories.open(repository, password, Repository.Preload.NOTHING);
      }
      List<StoredDrill> all = repo.drills(known);
      known = all.stream().collect(Collectors.toMap(StoredDrill::id, Function.identity()));
      return all;
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (repo != null) {
      try {
        repo.close();
      } catch (IOException ignored) {
        // nothing was written through it
      }
      repo = null;
      known = Map.of();
    }
  }
}

package io.volback.app;

import io.volback.maintenance.CheckListener;
import io.volback.maintenance.CheckReport;
import io.volback.maintenance.ReadDataSelection;
import io.volback.maintenance.RepositoryChecker;
import io.volback.repo.Repository;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.util.Optional;

/**
 * CheckRepository checks a repository under a shared lock: backups may run meanwhile (a pack they
 * upload after the index was read shows as an orphan), a prune (exclusive) may not.
 */
public final class CheckRepository {
  private final CheckListener listener;

  public CheckRepository(CheckListener listener) {
    this.listener = listener;
  }

  /**
   * What --read-data (readAll) and --read-data-subset (subset, null when absent; seed null for a
   * random one) ask to read; a UsageException names the option that is wrong.
   */
  public static ReadDataSelection readData(boolean readAll, String subset, Long seed) {
    if (readAll && subset != null) {
      throw new UsageException("give --read-data or --read-data-subset, not both");
    }
    if (seed != null && (subset == null || !subset.strip().endsWith("%"))) {
      throw new UsageException("--read-data-seed goes with a share: --read-data-subset N%");
    }
    if (subset != null) {
      try {
        return ReadDataSelection.parse(subset, seed);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    return readAll ? ReadDataSelection.ALL : ReadDataSelection.NONE;
  }

  public CheckReport run(RepositorySettings settings, char[] password, ReadDataSelection readData)
      throws IOException {
    // check reads what the store holds, never local copies of it (as restic's check does).
    ObjectStore store = Repositories.store(settings.withoutCache());
    RepositoryChecker checker = new RepositoryChecker(readData, listener);
    Optional<Repository> opened;
    try {
      opened = checker.open(store, password);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    if (opened.isEmpty()) {
      store.close();
      return checker.report();
    }
    try (Repository repo = Repositories.withLockWait(opened.get(), settings);
        RepositoryLock lock = repo.lock(LockMode.SHARED)) {
      checker.check(repo);
    }
    return checker.report();
  }
}

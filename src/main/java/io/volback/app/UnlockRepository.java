package io.volback.app;

import io.volback.repo.Repository;
import io.volback.repo.lock.RepositoryLock;
import java.io.IOException;
import java.util.List;

/**
 * UnlockRepository removes the locks of processes that are gone (stale ones), or every lock with
 * removeAll, as restic's unlock. It takes no lock itself: it only removes what is already dead, or
 * what the user said to remove.
 */
public final class UnlockRepository {
  private final Repository repo;

  public UnlockRepository(Repository repo) {
    this.repo = repo;
  }

  public List<RepositoryLock.RemovedLock> run(boolean removeAll) throws IOException {
    return repo.removeLocks(removeAll);
  }
}

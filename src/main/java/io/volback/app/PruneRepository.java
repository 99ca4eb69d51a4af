package io.volback.app;

import io.volback.maintenance.MaxUnused;
import io.volback.maintenance.PruneListener;
import io.volback.maintenance.PruneResult;
import io.volback.maintenance.Pruner;
import io.volback.repo.Repository;
import java.io.IOException;
import java.time.Duration;

/**
 * PruneRepository removes data no snapshot references. It does not wait for other locks: a prune
 * started while a backup or restore runs is refused at once, naming the holder (as restic), and the
 * scheduler runs it again later.
 */
public final class PruneRepository {
  private final Repository repo;
  private final PruneListener listener;

  public PruneRepository(Repository repo, PruneListener listener) {
    this.repo = repo;
    this.listener = listener;
  }

  /** Parses --max-unused; a bad value is a usage error naming the option. */
  public static MaxUnused maxUnused(String text) {
    try {
      return MaxUnused.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  public PruneResult run(MaxUnused maxUnused, boolean dryRun) throws IOException {
    return new Pruner(repo, listener).prune(maxUnused, dryRun, repo.lockWaitOr(Duration.ZERO));
  }
}

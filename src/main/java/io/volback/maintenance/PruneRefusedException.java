package io.volback.maintenance;

import io.volback.repo.RepositoryException;

/**
 * PruneRefusedException: prune stopped before deleting anything, because deleting could destroy
 * data some snapshot needs (a snapshot or index object it cannot read, a needed blob missing).
 */
public class PruneRefusedException extends RepositoryException {
  public PruneRefusedException(String message) {
    super(message);
  }
}

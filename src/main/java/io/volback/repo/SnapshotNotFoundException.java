package io.volback.repo;

/** SnapshotNotFoundException: a snapshot reference matches none, or several, snapshots. */
public class SnapshotNotFoundException extends RepositoryException {
  public SnapshotNotFoundException(String message) {
    super(message);
  }
}

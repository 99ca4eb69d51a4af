package io.volback.repo;

/** RepositoryNotFoundException: the location holds no repository (no config object). */
public class RepositoryNotFoundException extends RepositoryException {
  public RepositoryNotFoundException(String location) {
    super("no repository at " + location + " (create one with 'volback init')");
  }
}

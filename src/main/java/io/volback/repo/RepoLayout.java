package io.volback.repo;

/** RepoLayout names the objects of a repository in its store. */
public final class RepoLayout {
  public static final String CONFIG = "config";
  public static final String KEYS = "keys/";
  public static final String DATA = "data/";
  public static final String INDEX = "index/";
  public static final String SNAPSHOTS = "snapshots/";
  public static final String LOCKS = "locks/";

  private RepoLayout() {}

  public static String pack(Id id) {
    String hex = id.hex();
    return DATA + hex.substring(0, 2) + "/" + hex;
  }

  public static String index(Id id) {
    return INDEX + id.hex();
  }

  public static String snapshot(Id id) {
    return SNAPSHOTS + id.hex();
  }

  public static String key(Id id) {
    return KEYS + id.hex();
  }

  public static String lock(Id id) {
    return LOCKS + id.hex();
  }

  /** The id at the end of a key such as "data/ab/ab12..." or "snapshots/ab12...". */
  public static Id idOf(String key) {
    return Id.parse(key.substring(key.lastIndexOf('/') + 1));
  }
}

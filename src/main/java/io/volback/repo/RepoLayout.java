package io.volback.repo;

/** RepoLayout names the objects of a repository in its store. */
public final class RepoLayout {
  public static final String CONFIG = "config";
  public static final String KEYS = "keys/";
  public static final String DATA = "data/";
  public static final String INDEX = "index/";
  public static final String SNAPSHOTS = "snapshots/";
  public static final String LOCKS = "locks/";
  public static final String DRILLS = "drills/";

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

  public static String drill(Id id) {
    return DRILLS + id.hex();
  }

  public static String key(Id id) {
    return KEYS + id.hex();
  }

  public static String lock(Id id) {
    return LOCKS + id.hex();
  }

  /**
   * Checks that an object named by the SHA-256 of its content (keys/, index/, snapshots/) holds
   * that content; otherwise a file copied over another's name would be read as that object.
   */
  public static void verifyName(String key, byte[] bytes) throws CorruptObjectException {
    Id named;
    try {
      named = idOf(key);
    } catch (IllegalArgumentException e) {
      throw new CorruptObjectException(key + " is not named by an object id");
    }
    if (!named.equals(Id.sha256(bytes))) {
      throw new CorruptObjectException(
          key + " does not hold the content its name says" + " (replaced or damaged)");
    }
  }

  /** The id at the end of a key such as "data/ab/ab12..." or "snapshots/ab12...". */
  public static Id idOf(String key) {
    return Id.parse(key.substring(key.lastIndexOf('/') + 1));
  }
}

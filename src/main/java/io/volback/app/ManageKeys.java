package io.volback.app;

import io.volback.repo.Id;
import io.volback.repo.Repository;
import io.volback.repo.StoredKey;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import java.io.IOException;
import java.util.List;

/**
 * ManageKeys lists, adds and removes the repository's passwords (key files, each wrapping the one
 * master key) and changes the current one. Data is never touched: a key change re-wraps the master
 * key only. Adding takes no lock (a new key conflicts with nothing); removing and passwd take the
 * exclusive lock, so that two removes at once cannot both see "another key remains" and together
 * remove the last one.
 */
public final class ManageKeys {
  private final Repository repo;
  private final KdfParams kdf;

  public ManageKeys(Repository repo, KdfParams kdf) {
    this.repo = repo;
    this.kdf = kdf;
  }

  /** A key file and whether the password in use opened it. */
  public record KeyListing(StoredKey key, boolean current) {}

  /** Every readable key, oldest first. */
  public List<KeyListing> list() throws IOException {
    Id current = repo.currentKeyId();
    return repo.keys().stream()
        .sorted(
            java.util.Comparator.comparing(
                    (StoredKey k) ->
                        k.keyFile().created() == null
                            ? java.time.Instant.EPOCH
                            : k.keyFile().created())
                .thenComparing(StoredKey::id))
        .map(k -> new KeyListing(k, k.id().equals(current)))
        .toList();
  }

  /** Adds a key for newPassword and returns its id. */
  public Id add(char[] newPassword) throws IOException {
    requireNonEmpty(newPassword);
    return repo.addKey(newPassword, kdf);
  }

  /**
   * Removes the key whose id starts with idPrefix; refused for the key in use and for the last key.
   * Returns the id removed.
   */
  public Id remove(String idPrefix) throws IOException {
    try (RepositoryLock lock = repo.lock(LockMode.EXCLUSIVE)) {
      Id id = find(idPrefix);
      refuseLastKey(id);
      if (id.equals(repo.currentKeyId())) {
        throw new OperationRefusedException(
            "key "
                + id.shortHex()
                + " is the one this password opened: it cannot be removed with itself"
                + " (use key passwd to change this password, or remove it with another)");
      }
      lock.checkStillHeld();
      repo.removeKey(id);
      return id;
    }
  }

  /** The outcome of passwd: the key added for the new password and the one removed. */
  public record Changed(Id added, Id removed) {}

  /**
   * Changes the password in use: adds a key for newPassword (checked to open), then removes the key
   * the old password opened.
   */
  public Changed passwd(char[] newPassword) throws IOException {
    requireNonEmpty(newPassword);
    try (RepositoryLock lock = repo.lock(LockMode.EXCLUSIVE)) {
      Id old = repo.currentKeyId();
      Id added = repo.addKey(newPassword, kdf);
      lock.checkStillHeld();
      repo.removeKey(old);
      return new Changed(added, old);
    }
  }

  private Id find(String idPrefix) throws IOException {
    String prefix = idPrefix.toLowerCase(java.util.Locale.ROOT);
    if (prefix.isEmpty()) {
      throw new UsageException("no key id given");
    }
    List<Id> matches =
        repo.keys().stream().map(StoredKey::id).filter(i -> i.hex().startsWith(prefix)).toList();
    if (matches.isEmpty()) {
      throw new UsageException("no key " + idPrefix + " in the repository (see key list)");
    }
    if (matches.size() > 1) {
      throw new UsageException(
          "key id "
              + idPrefix
              + " is ambiguous: "
              + matches.stream().map(Id::shortHex).toList()
              + "; give more of it");
    }
    return matches.get(0);
  }

  private void refuseLastKey(Id id) throws IOException {
    boolean anotherRemains = repo.keys().stream().anyMatch(k -> !k.id().equals(id));
    if (!anotherRemains) {
      throw new OperationRefusedException(
          "key " + id.shortHex() + " is the last key of the repository: it cannot be removed");
    }
  }

  private static void requireNonEmpty(char[] password) {
    if (password == null || password.length == 0) {
      throw new UsageException("an empty password is not allowed");
    }
  }
}

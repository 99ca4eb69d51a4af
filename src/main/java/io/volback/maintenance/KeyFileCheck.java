package io.volback.maintenance;

import io.volback.repo.CorruptObjectException;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectNotFoundException;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.util.List;

/**
 * KeyFileCheck reads every key file: each must be named by its hash, parse and have parameters a
 * password can be tried with. It need not open with this check's password (another user's key).
 */
final class KeyFileCheck {
  private KeyFileCheck() {}

  /** Checks the key files; returns how many there are. */
  static int run(ObjectStore store, Findings findings) throws IOException {
    List<ObjectInfo> keys = store.list(RepoLayout.KEYS);
    for (ObjectInfo info : keys) {
      try {
        Repository.readKeyFile(store, info.key());
      } catch (ObjectNotFoundException removedMeanwhile) {
        // a key removed while the check runs is no damage
      } catch (CorruptObjectException e) {
        findings.error(info.key(), e.getMessage());
      }
    }
    if (keys.isEmpty()) {
      findings.error(RepoLayout.KEYS, "the repository has no key files");
    }
    return keys.size();
  }
}

package io.volback.maintenance;

import io.volback.repo.Json;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.drill.DrillRecord;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/**
 * DrillCheck reads every drills/ object (named by its hash, authenticated, decoded). A damaged one
 * is only worth knowing (INFO): a drill record is a report that nothing else depends on, and
 * listing drills skips it. Nothing here changes or removes a drill record.
 */
final class DrillCheck {
  private final Repository repo;
  private final Findings findings;

  DrillCheck(Repository repo, Findings findings) {
    this.repo = repo;
    this.findings = findings;
  }

  /** Checks every drill record; returns how many there are. */
  int run() throws IOException {
    int count = 0;
    for (ObjectInfo info : repo.store().list(RepoLayout.DRILLS)) {
      byte[] sealed;
      try (InputStream in = repo.store().get(info.key())) {
        sealed = in.readAllBytes();
      } catch (ObjectNotFoundException removedMeanwhile) {
        continue;
      }
      count++;
      try {
        Json.read(repo.unseal(info.key(), sealed), DrillRecord.class, info.key());
      } catch (IOException | RuntimeException e) {
        findings.info(
            info.key(), "damaged drill record, left out of the drill history: " + e.getMessage());
      }
    }
    return count;
  }
}

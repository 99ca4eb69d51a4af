package io.volback.app;

import io.volback.maintenance.GroupBy;
import io.volback.maintenance.MaxUnused;
import io.volback.maintenance.PruneListener;
import io.volback.maintenance.PruneResult;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.SnapshotFilter;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * ServiceForget is the service's forget+prune: for each protected volume that has a retention, the
 * snapshots of that volume on that Docker host that its retention does not keep are forgotten
 * (grouped as forget groups them by default: hostname and volume); then the repository is pruned
 * once. A volume without a retention keeps every snapshot.
 */
public final class ServiceForget {
  private final Repository repo;
  private final ZoneId zone;

  public ServiceForget(Repository repo, ZoneId zone) {
    this.repo = repo;
    this.zone = zone;
  }

  /**
   * Result: how many snapshots were forgotten and what the prune did.
   *
   * @param forgotten snapshots removed
   * @param prune the prune's result
   */
  public record Result(int forgotten, PruneResult prune) {}

  /**
   * Forgets per volume, then prunes.
   *
   * @param volumes the protected volumes of every host
   * @param hostAddresses each host name's Docker address, as its snapshots record it
   * @param maxUnused prune's threshold
   */
  public Result run(
      List<ProtectedVolume> volumes, Map<String, String> hostAddresses, MaxUnused maxUnused)
      throws IOException {
    int forgotten = 0;
    for (ProtectedVolume v : volumes) {
      if (v.retention().isEmpty()) {
        continue;
      }
      String address = hostAddresses.get(v.hostName());
      SnapshotFilter filter =
          new SnapshotFilter(
              null, null, List.of(v.name()), address == null ? null : List.of(address));
      ForgetSnapshots.Request request =
          new ForgetSnapshots.Request(
              filter,
              RetentionPolicies.of(v.retention()),
              GroupBy.DEFAULT,
              List.of(),
              false,
              false,
              zone,
              Instant.now());
      forgotten += new ForgetSnapshots(repo).run(request).removed().size();
    }
    PruneResult prune = new PruneRepository(repo, new PruneListener() {}).run(maxUnused, false);
    return new Result(forgotten, prune);
  }
}

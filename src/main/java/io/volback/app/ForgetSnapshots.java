package io.volback.app;

import io.volback.maintenance.GroupBy;
import io.volback.maintenance.Retention;
import io.volback.maintenance.RetentionPolicy;
import io.volback.maintenance.SnapshotGroups;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.repo.snapshot.SnapshotList;
import io.volback.repo.snapshot.SnapshotSelector;
import io.volback.repo.snapshot.StoredSnapshot;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ForgetSnapshots removes snapshot objects, as restic's forget: the snapshots named by id, or those
 * a retention policy does not keep, applied to each group of the snapshots the filter selects. The
 * data they reference stays until a prune. Removing holds the repository's exclusive lock (taken
 * before the snapshots are read, so no backup adds one meanwhile); a dry run takes none. A policy
 * that would remove every snapshot of a group is refused unless allowRemoveAll.
 */
public final class ForgetSnapshots {
  private final Repository repo;

  public ForgetSnapshots(Repository repo) {
    this.repo = repo;
  }

  /**
   * Request: which snapshots (filter, and ids when removing by id), the policy and grouping, and
   * the time zone of the policy's buckets; now tells snapshots from the future (restic ignores them
   * when it looks for the newest).
   */
  public record Request(
      SnapshotFilter filter,
      RetentionPolicy policy,
      GroupBy groupBy,
      List<String> snapshotIds,
      boolean dryRun,
      boolean allowRemoveAll,
      ZoneId zone,
      Instant now) {
    public Request {
      snapshotIds = snapshotIds == null ? List.of() : List.copyOf(snapshotIds);
    }
  }

  /** Group is one retention group's decision. */
  public record Group(
      SnapshotGroups.Key key, List<Retention.Kept> keep, List<StoredSnapshot> remove) {}

  /**
   * Result: the groups with their decisions (none when removing by id), the snapshots removed (or,
   * in a dry run, that would be), and the snapshot objects that could not be read (left alone).
   */
  public record Result(
      List<Group> groups,
      List<StoredSnapshot> removed,
      List<SnapshotList.Damaged> damaged,
      boolean dryRun) {}

  public Result run(Request request) throws IOException {
    validate(request);
    try (RepositoryLock lock = request.dryRun() ? null : repo.lock(LockMode.EXCLUSIVE)) {
      SnapshotList all = repo.snapshotList();
      List<Group> groups = new ArrayList<>();
      List<StoredSnapshot> removed;
      if (!request.snapshotIds().isEmpty()) {
        removed = byId(all, request);
      } else {
        groups = decide(all.matching(request.filter()).snapshots(), request);
        refuseRemovingWholeGroups(groups, request);
        removed = groups.stream().flatMap(g -> g.remove().stream()).toList();
      }
      if (lock != null) {
        lock.checkStillHeld();
        for (StoredSnapshot s : removed) {
          repo.store().delete(RepoLayout.snapshot(s.id()));
        }
      }
      return new Result(groups, removed, all.damaged(), request.dryRun());
    }
  }

  private static void validate(Request request) {
    boolean byId = !request.snapshotIds().isEmpty();
    if (byId && !request.policy().isEmpty()) {
      throw new UsageException("name snapshots to remove or give a --keep-* policy, not both");
    }
    String invalid = request.policy().invalidCount();
    if (invalid != null) {
      throw new UsageException(invalid);
    }
    if (!byId && request.policy().isEmpty()) {
      if (!request.allowRemoveAll()) {
        throw new UsageException(
            "no policy given, nothing would be kept: give --keep-* options, or name the snapshots"
                + " to remove");
      }
      if (request.filter().isEmpty()) {
        throw new UsageException(
            "--unsafe-allow-remove-all without a policy removes every snapshot: it needs a"
                + " snapshot filter (--hostname, --volume, --tag or --docker-host)");
      }
    }
  }

  private static List<StoredSnapshot> byId(SnapshotList all, Request request) throws IOException {
    Map<String, StoredSnapshot> chosen = new LinkedHashMap<>();
    for (String ref : request.snapshotIds()) {
      if ("latest".equals(ref)) {
        throw new UsageException("forget takes snapshot ids, not 'latest'");
      }
      StoredSnapshot s = SnapshotSelector.select(all, ref, request.filter());
      chosen.put(s.id().hex(), s);
    }
    return List.copyOf(chosen.values());
  }

  private static List<Group> decide(List<StoredSnapshot> snapshots, Request request) {
    List<Group> groups = new ArrayList<>();
    for (var e : SnapshotGroups.of(snapshots, request.groupBy()).entrySet()) {
      if (request.policy().isEmpty()) {
        groups.add(new Group(e.getKey(), List.of(), newestFirst(e.getValue())));
        continue;
      }
      Retention.Decision d =
          Retention.apply(e.getValue(), request.policy(), request.zone(), request.now());
      groups.add(new Group(e.getKey(), d.keep(), d.remove()));
    }
    return groups;
  }

  private static List<StoredSnapshot> newestFirst(List<StoredSnapshot> group) {
    List<StoredSnapshot> list = new ArrayList<>(group);
    java.util.Collections.reverse(list);
    return list;
  }

  private static void refuseRemovingWholeGroups(List<Group> groups, Request request)
      throws OperationRefusedException {
    if (request.allowRemoveAll()) {
      return;
    }
    for (Group g : groups) {
      if (g.keep().isEmpty() && !g.remove().isEmpty()) {
        throw new OperationRefusedException(
            "refusing to remove all "
                + g.remove().size()
                + " snapshots of "
                + g.key().describe()
                + " ("
                + request.policy().describe()
                + " keeps none of them); nothing was removed; add --unsafe-allow-remove-all if"
                + " that is what you want");
      }
    }
  }
}

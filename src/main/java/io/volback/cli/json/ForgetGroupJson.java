package io.volback.cli.json;

import io.volback.app.ForgetSnapshots;
import io.volback.app.SnapshotSummary;
import io.volback.maintenance.Retention;
import io.volback.maintenance.SnapshotGroups;
import io.volback.repo.snapshot.StoredSnapshot;
import java.util.List;

/**
 * ForgetGroupJson is one group of `forget --json`'s array, in restic's shape: the values the group
 * shares (group_key, as --group-by chose), the snapshots kept and removed (as `snapshots --json`
 * prints them) and, per kept snapshot, the reasons (restic's "matches").
 */
public record ForgetGroupJson(
    GroupKeyJson groupKey,
    List<SnapshotJson> keep,
    List<SnapshotJson> remove,
    List<KeepReasonJson> reasons) {

  public static ForgetGroupJson of(ForgetSnapshots.Group g) {
    return new ForgetGroupJson(
        GroupKeyJson.of(g.key()),
        g.keep().stream().map(k -> snapshot(k.snapshot())).toList(),
        g.remove().stream().map(ForgetGroupJson::snapshot).toList(),
        g.keep().stream().map(KeepReasonJson::of).toList());
  }

  private static SnapshotJson snapshot(StoredSnapshot s) {
    return SnapshotJson.of(SnapshotSummary.of(s));
  }

  /** What the snapshots of a group share; a field --group-by did not name is left out. */
  public record GroupKeyJson(String hostname, String volume, List<String> tags) {
    static GroupKeyJson of(SnapshotGroups.Key k) {
      return new GroupKeyJson(k.hostname(), k.volume(), k.tags());
    }
  }

  /** Why one snapshot is kept: its id and the rules it matched ("daily snapshot"). */
  public record KeepReasonJson(String snapshot, String shortId, List<String> matches) {
    static KeepReasonJson of(Retention.Kept k) {
      return new KeepReasonJson(k.snapshot().id().hex(), k.snapshot().id().shortHex(), k.reasons());
    }
  }
}

/**
 * Maintenance engines: what keeps a repository from only growing.
 *
 * <ul>
 *   <li>A retention policy ({@link io.volback.maintenance.RetentionPolicy}) says which snapshots to
 *       keep: the last n, the newest of each of the last n hours, days, ISO weeks, months or years,
 *       those within a duration of the newest snapshot, those with given tags; restic's forget
 *       semantics.
 *   <li>A retention decision ({@link io.volback.maintenance.Retention}) applies a policy to one
 *       group of snapshots: each kept snapshot with its reasons, and those to remove.
 *   <li>A group ({@link io.volback.maintenance.SnapshotGroups}) is the snapshots with the same
 *       hostname, volume and/or tags (restic's --group-by host,paths,tags).
 *   <li>Time buckets are taken in a time zone, the local one for the CLI ({@link
 *       io.volback.maintenance.LocalTimes}).
 * </ul>
 */
package io.volback.maintenance;

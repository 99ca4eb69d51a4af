/**
 * Maintenance engines: work on a whole repository rather than one snapshot, beside the backup and
 * restore engines.
 *
 * <p>RepositoryChecker checks a repository's structure (config, key files, index objects, pack
 * headers against the index, snapshots and their trees) and, on request, reads packs and verifies
 * every blob. Each problem is a Finding naming the object (its store key), what is wrong, and the
 * snapshots and file paths that depend on it. A CheckListener hears of the progress; a
 * ReadDataSelection says which packs to read. The engines use the repository's packages and the
 * store, nothing of Docker.
 *
 * <p>Retention, what keeps a repository from only growing:
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
 *
 * <p>Pruner removes what no snapshot references: UsedBlobs marks the blobs every snapshot's trees
 * reach, PrunePlan decides per pack (from the index and the data/ listing) what is deleted, what is
 * repacked (MaxUnused says how much unused space may stay) and what the new index lists, and Pruner
 * carries the plan out in the crash-safe order of repository-format.md ("How prune rewrites the
 * index") under an exclusive lock. PruneResult is what it did, or would do in a dry run.
 */
package io.volback.maintenance;

/**
 * Repository maintenance: what removes data from a repository, and what checks it.
 *
 * <p>Pruner removes what no snapshot references: UsedBlobs marks the blobs every snapshot's trees
 * reach, PrunePlan decides per pack (from the index and the data/ listing) what is deleted, what is
 * repacked (MaxUnused says how much unused space may stay) and what the new index lists, and Pruner
 * carries the plan out in the crash-safe order of repository-format.md ("How prune rewrites the
 * index") under an exclusive lock. PruneResult is what it did, or would do in a dry run.
 */
package io.volback.maintenance;

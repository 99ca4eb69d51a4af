/**
 * Snapshots: the objects that name a file tree and say what it was taken of.
 *
 * <p>A Snapshot is the content of a snapshots/ object (sealed JSON): when and where it was taken,
 * its SourceInfo (a volume and how to recreate it, or a directory), the ids of its TREE blobs, its
 * parent and its SnapshotStats. A snapshot is written last, after every blob it references is in an
 * index object on storage. A StoredSnapshot is a snapshot with its id; a SnapshotList the readable
 * snapshots and the damaged ones; SnapshotSelector resolves a user's reference (id, id prefix,
 * "latest"), failing with the object's name when it names a damaged snapshot.
 */
package io.volback.repo.snapshot;

/**
 * The backup engine: turns a stream of file entries into a snapshot.
 *
 * <p>SnapshotCreator takes a snapshot of an EntrySource: each file's content is cut into chunks and
 * saved as DATA blobs through the repository's BlobSaver, the tree is written as TREE blobs, then
 * packs and index are stored, and only then the Snapshot. ParentMatcher finds a file unchanged
 * since the parent snapshot, so its blobs are reused without reading it. PendingNodes keeps tree
 * nodes in walk order until the ids of their content are known. A BackupListener hears of the
 * progress. The engine uses the repository's packages and the entry model, nothing of Docker.
 */
package io.volback.backup;

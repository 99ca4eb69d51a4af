/**
 * The restore engine: streams a snapshot's tree into an EntrySink.
 *
 * <p>SnapshotRestorer reads the tree (or the part a PathFilter selects) and hands each entry to the
 * sink; a ContentStream delivers a file's content blob by blob, each verified before its bytes are
 * handed out. FileWriters writes several files at a time when the sink allows it. A RestoreListener
 * hears of the progress; RestoreStats counts what was written. The engine uses the repository's
 * packages and the entry model, nothing of Docker.
 */
package io.volback.restore;

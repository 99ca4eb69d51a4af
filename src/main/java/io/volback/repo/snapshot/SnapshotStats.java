package io.volback.repo.snapshot;

/**
 * SnapshotStats counts a snapshot's tree (files, directories, other entries, content bytes) and
 * what taking it cost: files whose content was read, new blobs and bytes added, and the duration.
 */
public record SnapshotStats(
    long files,
    long dirs,
    long others,
    long bytes,
    long filesRead,
    long bytesRead,
    long newBlobs,
    long newRawBytes,
    long storedBytes,
    long durationMillis) {}

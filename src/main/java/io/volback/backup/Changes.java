package io.volback.backup;

/**
 * Changes is what a backup would find against its parent snapshot: regular files new (no file at
 * that path in the parent), changed (there was one, but size, mtime, ctime or inode differ, or its
 * blobs are gone), unmodified and removed; dataToRead is the bytes the backup would read (those of
 * new and changed files, or of every file when it rereads all).
 */
public record Changes(
    long filesNew,
    long filesChanged,
    long filesUnmodified,
    long filesRemoved,
    long bytesNew,
    long bytesChanged,
    long dataToRead) {}

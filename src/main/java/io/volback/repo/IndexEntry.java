package io.volback.repo;

/**
 * IndexEntry locates a blob: the pack holding it, its offset and stored length there, and the
 * length of its plaintext.
 */
public record IndexEntry(Id blob, BlobType type, Id pack, long offset, int length, int rawLength) {}

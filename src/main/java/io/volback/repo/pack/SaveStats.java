package io.volback.repo.pack;

/**
 * SaveStats counts what a BlobSaver added to the repository: new blobs, their plaintext bytes and
 * the bytes of pack files uploaded.
 */
public record SaveStats(long newBlobs, long newRawBytes, long packsUploaded, long storedBytes) {}

package io.volback.repo.pack;

/**
 * BlobData is a blob's verified plaintext: length bytes of bytes from offset. It points into the
 * decrypted frame rather than copying it out.
 */
public record BlobData(byte[] bytes, int offset, int length) {}

/**
 * Blobs in packs: how a blob is stored, and how it is read back and verified.
 *
 * <p>A Pack is an object in the store (data/) that holds one or more sealed blobs, followed by a
 * sealed PackHeader listing them and the header's length, so a pack describes itself without the
 * index. A pack's id is the SHA-256 of its bytes. A blob's stored form (BlobCodec) is one codec
 * byte (raw or zstd) and the payload, sealed with AES-256-GCM; reading it back verifies the tag,
 * decompresses and checks the plaintext against the blob id.
 *
 * <p>BlobSaver stores the blobs of one snapshot: it deduplicates against the Index, seals new blobs
 * into open packs (PackBuilder) on worker threads, uploads full packs and writes index objects for
 * them. BlobLoader reads blobs for a restore, a pack-sized window at a time. BufferPool lends the
 * large buffers both reuse. BlobData is a verified plaintext, SaveStats what a saver added.
 */
package io.volback.repo.pack;

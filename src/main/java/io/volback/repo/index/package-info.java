/**
 * The index: where each blob is.
 *
 * <p>An IndexEntry locates one blob: the pack holding it, its offset and stored length there, and
 * its plaintext length. An index object (index/) is sealed JSON listing, pack by pack, the blobs of
 * some packs; IndexCodec reads and writes it. The Index is the in-memory union of every index
 * object on storage, and nothing else: a blob is known once an index object naming it is stored.
 */
package io.volback.repo.index;

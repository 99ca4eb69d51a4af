/**
 * The repository: where volback keeps its deduplicated, encrypted data, and the basics every part
 * of the format shares. The format itself is specified in docs/repository-format.md.
 *
 * <p>A Repository is an opened repository: an ObjectStore, the master key unlocked from one of its
 * key files, its RepoConfig, and (loaded on first use) its Index. It is the facade the engines
 * ({@code io.volback.backup}, {@code io.volback.restore}) and the use cases talk to; the methods
 * marked "Engine API" hand the engines the chunker, the sealer, blob savers and loaders, and store
 * snapshots.
 *
 * <p>A Blob is a piece of plaintext stored sealed inside a pack: a chunk of file content (DATA) or
 * a chunk of a serialized file tree (TREE), see BlobType. An Id is a 256-bit identifier: a blob's
 * id is the HMAC-SHA256 of its plaintext under the MAC key, an object's id the SHA-256 of its
 * stored bytes. RepoLayout names the objects of a repository in its store (config, keys/, data/,
 * index/, snapshots/, locks/). Json is the one ObjectMapper of the format.
 *
 * <p>The parts live in sub-packages, each of which may use these basics but never Repository:
 * {@code pack} (blobs in packs), {@code index} (where each blob is), {@code tree} (file trees as
 * TREE blobs), {@code snapshot} (the snapshot objects), {@code lock} (locks/), {@code chunker}
 * (content-defined chunking) and {@code crypto} (keys and sealing).
 */
package io.volback.repo;

/**
 * Storage: opaque objects under string keys.
 *
 * <p>An ObjectStore stores, lists, reads (whole or by range) and deletes objects under keys such as
 * "data/ab/ab12..."; it knows nothing of packs, snapshots or crypto. LocalFolderStore keeps each
 * object as a file, S3Store in an S3 bucket; RetryingStore wraps either and retries what a
 * StoreException says may succeed again. A RepositoryLocation is the parsed repository string;
 * StoreFactory opens the store it names.
 */
package io.volback.store;

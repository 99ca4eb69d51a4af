/**
 * Maintenance engines: work on a whole repository rather than one snapshot, beside the backup and
 * restore engines.
 *
 * <p>RepositoryChecker checks a repository's structure (config, key files, index objects, pack
 * headers against the index, snapshots and their trees) and, on request, reads packs and verifies
 * every blob. Each problem is a Finding naming the object (its store key), what is wrong, and the
 * snapshots and file paths that depend on it. A CheckListener hears of the progress; a
 * ReadDataSelection says which packs to read. The engines use the repository's packages and the
 * store, nothing of Docker.
 */
package io.volback.maintenance;

package io.volback.app;

import io.volback.repo.RepoConfig;
import io.volback.repo.Repository;
import io.volback.repo.chunker.ChunkerParams;
import io.volback.repo.crypto.KdfParams;
import io.volback.store.CachingStore;
import io.volback.store.ObjectStore;
import io.volback.store.RepositoryLocation;
import io.volback.store.RetryPolicy;
import io.volback.store.StoreFactory;
import java.io.IOException;

/** Repositories opens and creates repositories from the user's settings. */
public final class Repositories {
  private Repositories() {}

  public static ObjectStore store(RepositorySettings settings) {
    if (settings.repository() == null) {
      throw new UsageException(
          "no repository given: use -r/--repo or set VOLBACK_REPOSITORY to "
              + RepositoryLocation.FORMS);
    }
    try {
      ObjectStore store =
          StoreFactory.open(settings.repository(), settings.s3(), RetryPolicy.DEFAULT);
      boolean remote =
          RepositoryLocation.parse(settings.repository()) instanceof RepositoryLocation.S3;
      // A folder is local already: a copy of its metadata would only cost disk.
      return remote && settings.cacheDir() != null
          ? new CachingStore(store, settings.cacheDir())
          : store;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  public static Repository open(
      RepositorySettings settings, char[] password, Repository.Preload preload) throws IOException {
    return withLockWait(Repository.open(store(settings), password, preload), settings);
  }

  /** repo, waiting for other processes' locks as settings say (--retry-lock), if they say. */
  public static Repository withLockWait(Repository repo, RepositorySettings settings) {
    if (settings.lockWait() != null) {
      repo.setLockWait(settings.lockWait());
    }
    return repo;
  }

  public static Repository init(RepositorySettings settings, char[] password) throws IOException {
    return init(settings, password, RepoConfig.DEFAULT_COMPRESSION);
  }

  /** Creates a repository whose blobs are compressed with zstd at level (0: not compressed). */
  public static Repository init(RepositorySettings settings, char[] password, int compression)
      throws IOException {
    return init(settings, password, compression, null);
  }

  /**
   * Creates a repository as above; with chunkerFrom (another repository's config), it takes that
   * repository's chunker parameters and gear seed, so that both cut the same data the same way and
   * copies between them deduplicate (init --copy-chunker-params).
   */
  public static Repository init(
      RepositorySettings settings, char[] password, int compression, RepoConfig chunkerFrom)
      throws IOException {
    if (compression < 0 || compression > RepoConfig.MAX_COMPRESSION) {
      throw new UsageException(
          "--compression must be 0 (off) to "
              + RepoConfig.MAX_COMPRESSION
              + ", not "
              + compression);
    }
    RepoConfig config =
        RepoConfig.create(ChunkerParams.DEFAULT, compression, RepoConfig.DEFAULT_PACK_SIZE);
    if (chunkerFrom != null) {
      config = config.withChunkerOf(chunkerFrom);
    }
    return Repository.init(store(settings), password, KdfParams.forNewKeys(), config);
  }
}

package io.volback.app;

import io.volback.store.S3Settings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * RepositorySettings say where the repository is: the repository string (folder, file:// or s3://)
 * and, for S3, the endpoint, path-style addressing, credentials and TLS trust; and the root of the
 * local metadata cache kept for a remote repository (null: none, --no-cache); how long a command
 * waits for a lock another process holds (null: Repository.LOCK_WAIT, --retry-lock).
 */
public record RepositorySettings(
    String repository, S3Settings s3, Path cacheDir, Duration lockWait) {
  public RepositorySettings(String repository, S3Settings s3, Path cacheDir) {
    this(repository, s3, cacheDir, null);
  }

  public RepositorySettings(String repository, S3Settings s3) {
    this(repository, s3, null);
  }

  public RepositorySettings(String repository, String s3Endpoint, boolean s3PathStyle) {
    this(repository, S3Settings.of(s3Endpoint, s3PathStyle));
  }

  /** These settings without a metadata cache (check reads what the store holds, not copies). */
  public RepositorySettings withoutCache() {
    return new RepositorySettings(repository, s3, null, lockWait);
  }
}

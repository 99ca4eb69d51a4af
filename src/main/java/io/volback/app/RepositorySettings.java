package io.volback.app;

import io.volback.store.S3Settings;

/**
 * RepositorySettings say where the repository is: the repository string (folder, file:// or s3://)
 * and, for S3, the endpoint, path-style addressing, credentials and TLS trust.
 */
public record RepositorySettings(String repository, S3Settings s3) {
  public RepositorySettings(String repository, String s3Endpoint, boolean s3PathStyle) {
    this(repository, S3Settings.of(s3Endpoint, s3PathStyle));
  }
}

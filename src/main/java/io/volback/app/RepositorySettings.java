package io.volback.app;

/**
 * RepositorySettings say where the repository is: the repository string (folder, file:// or s3://)
 * and, for S3-compatible servers, the endpoint and path-style addressing.
 */
public record RepositorySettings(String repository, String s3Endpoint, boolean s3PathStyle) {}

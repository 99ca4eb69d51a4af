package io.volback.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** StoreFactory opens the store for a repository string, wrapped in a RetryingStore. */
public final class StoreFactory {
  private StoreFactory() {}

  /** Opens repository with the default retry policy; s3Endpoint may be null (AWS itself). */
  public static ObjectStore open(String repository, String s3Endpoint, boolean s3PathStyle) {
    return open(repository, S3Settings.of(s3Endpoint, s3PathStyle), RetryPolicy.DEFAULT);
  }

  /** Opens repository, retrying with policy. */
  public static ObjectStore open(
      String repository, String s3Endpoint, boolean s3PathStyle, RetryPolicy policy) {
    return open(repository, S3Settings.of(s3Endpoint, s3PathStyle), policy);
  }

  /**
   * Opens repository with the S3 settings s3 (unused for a folder), retrying with policy; a bad
   * setting (endpoint, CA file) is an IllegalArgumentException naming it.
   */
  public static ObjectStore open(String repository, S3Settings s3, RetryPolicy policy) {
    RepositoryLocation location = RepositoryLocation.parse(repository);
    ObjectStore store;
    if (location instanceof RepositoryLocation.S3 bucket) {
      S3Config config =
          S3Config.of(s3Location(bucket, s3.endpoint(), s3.pathStyle())).withTls(s3.tls());
      if (s3.credentials().isPresent()) {
        config = config.withCredentials(s3.credentials().get().provider());
      }
      store = new S3Store(config);
    } else {
      store = new LocalFolderStore(((RepositoryLocation.Folder) location).path());
    }
    return new RetryingStore(store, policy);
  }

  /** The S3Location for a parsed s3:// repository and the caller's endpoint options. */
  static S3Location s3Location(RepositoryLocation.S3 s3, String endpoint, boolean pathStyle) {
    return new S3Location(s3.bucket(), s3.prefix(), endpoint(endpoint), pathStyle);
  }

  static Optional<URI> endpoint(String endpoint) {
    if (endpoint == null || endpoint.isBlank()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(endpoint.strip());
    } catch (URISyntaxException e) {
      throw invalidEndpoint(endpoint);
    }
    if (uri.getRawUserInfo() != null) {
      throw invalidEndpoint(endpoint);
    }
    boolean http =
        "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    if (!http || uri.getHost() == null) {
      throw invalidEndpoint(endpoint);
    }
    return Optional.of(uri);
  }

  private static IllegalArgumentException invalidEndpoint(String endpoint) {
    // Never echo an endpoint that may carry credentials (user:secret@host).
    if (endpoint.contains("@")) {
      return new IllegalArgumentException(
          "invalid S3 endpoint: it must not contain credentials; use the AWS credential chain");
    }
    return new IllegalArgumentException(
        "invalid S3 endpoint '" + endpoint + "': expected http(s)://host[:port]");
  }
}

package io.volback.store;

import java.net.URI;
import java.util.Optional;

/**
 * S3Location names a repository in a bucket: the bucket, a key prefix ("" for the bucket root), an
 * optional endpoint for S3-compatible servers and whether to address the bucket path-style.
 */
public record S3Location(String bucket, String prefix, Optional<URI> endpoint, boolean pathStyle) {

  public S3Location {
    if (bucket == null || bucket.isBlank() || bucket.contains("/")) {
      throw new IllegalArgumentException("invalid S3 bucket name '" + bucket + "'");
    }
    prefix = stripSlashes(prefix == null ? "" : prefix);
    if (!prefix.isEmpty()) {
      Keys.check(prefix);
    }
    endpoint = endpoint == null ? Optional.empty() : endpoint;
  }

  /** A location on AWS itself, with the default endpoint for the region. */
  public static S3Location aws(String bucket, String prefix) {
    return new S3Location(bucket, prefix, Optional.empty(), false);
  }

  /** "s3://bucket" or "s3://bucket/prefix", for messages. */
  public String url() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  /** The S3 key that stores the repository key. */
  String objectKey(String key) {
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  /** The repository key stored under the S3 key objectKey. */
  String repositoryKey(String objectKey) {
    return prefix.isEmpty() ? objectKey : objectKey.substring(prefix.length() + 1);
  }

  private static String stripSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }
}

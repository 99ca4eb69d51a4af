package io.volback.store;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * S3Config is everything S3Store needs besides the location. Empty region and credentials mean the
 * AWS default chains; {@link #of} gives the defaults and the with* methods change one setting.
 */
public record S3Config(
    S3Location location,
    Optional<String> region,
    Optional<AwsCredentialsProvider> credentials,
    long multipartThreshold,
    int partSize,
    int maxConnections,
    S3Tls tls) {

  /** S3 refuses multipart parts below 5 MiB, except the last. */
  public static final int MIN_PART_SIZE = 5 << 20;

  public S3Config {
    if (partSize < MIN_PART_SIZE || multipartThreshold < partSize) {
      throw new IllegalArgumentException(
          "need "
              + MIN_PART_SIZE
              + " <= partSize <= multipartThreshold,"
              + " got "
              + partSize
              + " and "
              + multipartThreshold);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
    }
  }

  /** Defaults: AWS chains, multipart above 32 MiB in 8 MiB parts, 16 connections. */
  public static S3Config of(S3Location location) {
    return new S3Config(
        location, Optional.empty(), Optional.empty(), 32L << 20, 8 << 20, 16, S3Tls.DEFAULT);
  }

  public S3Config withRegion(String region) {
    return new S3Config(
        location,
        Optional.of(region),
        credentials,
        multipartThreshold,
        partSize,
        maxConnections,
        tls);
  }

  public S3Config withCredentials(AwsCredentialsProvider provider) {
    return new S3Config(
        location, region, Optional.of(provider), multipartThreshold, partSize, maxConnections, tls);
  }

  /** Fixed credentials, for tests and callers that read them from their own configuration. */
  public S3Config withStaticCredentials(String accessKey, String secretKey) {
    return withCredentials(
        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
  }

  public S3Config withMultipart(long threshold, int size) {
    return new S3Config(location, region, credentials, threshold, size, maxConnections, tls);
  }

  /** Trusts the server certificates tls says. */
  public S3Config withTls(S3Tls tls) {
    return new S3Config(
        location, region, credentials, multipartThreshold, partSize, maxConnections, tls);
  }

  // Never print the credentials provider, whatever its own toString does.
  @Override
  public String toString() {
    return "S3Config["
        + location.url()
        + ", endpoint="
        + location.endpoint().map(Object::toString).orElse("AWS")
        + ", region="
        + region.orElse("default chain")
        + ", multipartThreshold="
        + multipartThreshold
        + ", partSize="
        + partSize
        + (tls.insecure() ? ", insecure-tls" : "")
        + "]";
  }
}

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
    Checksums checksums,
    long multipartThreshold,
    int partSize,
    int maxConnections) {

  /** S3 refuses multipart parts below 5 MiB, except the last. */
  public static final int MIN_PART_SIZE = 5 << 20;

  /** Checksums chooses how the SDK computes request checksums and validates response ones. */
  public enum Checksums {
    /** WHEN_REQUIRED when an endpoint is set (S3-compatible server), SDK_DEFAULT on AWS. */
    AUTO,
    /** The SDK's defaults: CRC32 on every upload, sent as aws-chunked with a trailer. */
    SDK_DEFAULT,
    /** Checksums only where the S3 API requires them, and no aws-chunked encoding. */
    WHEN_REQUIRED
  }

  public S3Config {
    if (partSize < MIN_PART_SIZE || multipartThreshold < partSize) {
      throw new IllegalArgumentException("need " + MIN_PART_SIZE + " <= partSize <= multipartThreshold,"
          + " got " + partSize + " and " + multipartThreshold);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
    }
  }

  /** Defaults: AWS chains, AUTO checksums, multipart above 32 MiB in 8 MiB parts, 16 connections. */
  public static S3Config of(S3Location location) {
    return new S3Config(location, Optional.empty(), Optional.empty(), Checksums.AUTO,
        32L << 20, 8 << 20, 16);
  }

  public S3Config withRegion(String region) {
    return new S3Config(location, Optional.of(region), credentials, checksums, multipartThreshold,
        partSize, maxConnections);
  }

  public S3Config withCredentials(AwsCredentialsProvider provider) {
    return new S3Config(location, region, Optional.of(provider), checksums, multipartThreshold,
        partSize, maxConnections);
  }

  /** Fixed credentials, for tests and callers that read them from their own configuration. */
  public S3Config withStaticCredentials(String accessKey, String secretKey) {
    return withCredentials(
        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
  }

  public S3Config withChecksums(Checksums mode) {
    return new S3Config(location, region, credentials, mode, multipartThreshold, partSize,
        maxConnections);
  }

  public S3Config withMultipart(long threshold, int size) {
    return new S3Config(location, region, credentials, checksums, threshold, size, maxConnections);
  }

  /** Whether the client should send checksums only when required, resolving AUTO. */
  public boolean checksumsWhenRequired() {
    return switch (checksums) {
      case AUTO -> location.endpoint().isPresent();
      case SDK_DEFAULT -> false;
      case WHEN_REQUIRED -> true;
    };
  }

  // Never print the credentials provider, whatever its own toString does.
  @Override
  public String toString() {
    return "S3Config[" + location.url() + ", endpoint=" + location.endpoint().map(Object::toString)
        .orElse("AWS") + ", region=" + region.orElse("default chain") + ", checksums=" + checksums
        + ", multipartThreshold=" + multipartThreshold + ", partSize=" + partSize + "]";
  }
}

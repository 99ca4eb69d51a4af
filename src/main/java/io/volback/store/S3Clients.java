package io.volback.store;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/** S3Clients builds the SDK client for an S3Config. */
final class S3Clients {
  /** The message of the error raised when no credentials can be found; S3Errors looks for it. */
  static final String NO_CREDENTIALS = "volback: no S3 credentials found";

  private static final Region FALLBACK_REGION = Region.US_EAST_1;

  private S3Clients() {}

  static S3Client build(S3Config config, Region region) {
    return build(config, region, null);
  }

  /**
   * Like build(config, region), trusting the certificates of trust (tests: a local https proxy).
   */
  static S3Client build(S3Config config, Region region, TlsTrustManagersProvider trust) {
    S3Location location = config.location();
    ApacheHttpClient.Builder http =
        ApacheHttpClient.builder()
            .maxConnections(config.maxConnections())
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60))
            .connectionAcquisitionTimeout(Duration.ofMinutes(5));
    if (trust != null) {
      S3Tls.configure(http, trust);
    } else {
      config.tls().configure(http);
    }
    S3ClientBuilder builder =
        S3Client.builder()
            .region(region)
            .credentialsProvider(
                new GuardedCredentials(
                    config
                        .credentials()
                        .orElseGet(() -> DefaultCredentialsProvider.builder().build())))
            .httpClientBuilder(http)
            // RetryingStore is the one retry layer; SDK retries underneath would multiply its
            // attempts.
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    // S3Store sends its own Content-MD5 on every PUT, which AWS and S3-compatible servers alike
    // verify; the SDK's default CRC32 trailer needs aws-chunked encoding, which the latter reject.
    builder
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .serviceConfiguration(
            S3Configuration.builder()
                .pathStyleAccessEnabled(location.pathStyle())
                .chunkedEncodingEnabled(false)
                .build());
    location
        .endpoint()
        .ifPresentOrElse(builder::endpointOverride, () -> builder.crossRegionAccessEnabled(true));
    return builder.build();
  }

  /**
   * The region from the config, else from the AWS chain, else us-east-1. With an endpoint set the
   * chain skips the EC2 metadata service: an S3-compatible server has no AWS region to find there.
   */
  static Region region(S3Config config) {
    if (config.region().isPresent()) {
      return Region.of(config.region().get());
    }
    AwsRegionProvider chain =
        config.location().endpoint().isPresent()
            ? new AwsRegionProviderChain(
                new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
            : DefaultAwsRegionProviderChain.builder().build();
    try {
      return chain.getRegion();
    } catch (RuntimeException e) {
      return FALLBACK_REGION;
    }
  }

  /** The endpoint requests go to, for messages. */
  static String endpoint(S3Config config, Region region) {
    return config
        .location()
        .endpoint()
        .map(URI::toString)
        .orElse("https://s3." + region.id() + ".amazonaws.com");
  }

  /** GuardedCredentials replaces the chain's long failure text with one S3Errors recognises. */
  private record GuardedCredentials(AwsCredentialsProvider delegate)
      implements AwsCredentialsProvider {
    @Override
    public AwsCredentials resolveCredentials() {
      try {
        return delegate.resolveCredentials();
      } catch (RuntimeException e) {
        throw SdkClientException.builder().message(NO_CREDENTIALS).cause(e).build();
      }
    }
  }
}

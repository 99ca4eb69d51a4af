package io.volback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.testsupport.S3ProxyServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Runs the contract and the S3 error mapping against a real S3 server (S3Proxy). */
class S3StoreTest extends ObjectStoreContractTest {
  private static final String BUCKET = "volback-test";
  private static final AtomicInteger repositories = new AtomicInteger();
  private static S3ProxyServer s3;

  @BeforeAll
  static void startServer() throws Exception {
    s3 = S3ProxyServer.start();
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stopServer() throws Exception {
    s3.close();
  }

  // Each test gets its own prefix in the shared bucket, so prefix handling is always exercised.
  @Override
  protected ObjectStore createStore() {
    return new S3Store(config(BUCKET, "repos/r" + repositories.incrementAndGet()));
  }

  @Test
  void locationIsTheS3Url() {
    assertThat(new S3Store(config(BUCKET, "")).location()).isEqualTo("s3://" + BUCKET);
    assertThat(store.location()).startsWith("s3://" + BUCKET + "/repos/r");
  }

  @Test
  void objectsLiveUnderThePrefixAndListStripsIt() throws Exception {
    s3.createBucket("prefixes");
    try (ObjectStore nested = new S3Store(config("prefixes", "/team/a/"));
        ObjectStore whole = new S3Store(config("prefixes", ""))) {
      nested.put("keys/k1", new byte[] {1});

      assertThat(keysAndSizes(nested.list(""))).containsExactly(new ObjectInfo("keys/k1", 1));
      assertThat(keysAndSizes(whole.list(""))).containsExactly(new ObjectInfo("team/a/keys/k1", 1));
    }
  }

  @Test
  void multipartUploadWithAShortLastPartRoundTrips() throws Exception {
    int fiveMiB = S3Config.MIN_PART_SIZE;
    S3Config config = config(BUCKET, "multipart").withMultipart(fiveMiB, fiveMiB);
    byte[] data = random(2 * fiveMiB + 12345, 42);
    try (S3Store small = new S3Store(config)) {
      small.put("data/mp/p1", data);

      assertThat(keysAndSizes(small.list("data/")))
          .containsExactly(new ObjectInfo("data/mp/p1", data.length));
      try (var in = small.get("data/mp/p1")) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
    }
  }

  @Test
  void wrongSecretIsPermanentAccessDeniedWithoutTheSecret() {
    String secret = "wrong-secret-do-not-print";
    S3Config config = config(BUCKET, "x").withStaticCredentials(s3.accessKey(), secret);
    try (S3Store bad = new S3Store(config)) {
      assertThatThrownBy(() -> bad.put("config", new byte[1]))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("cannot write object config")
          .hasMessageContaining("access denied to s3://volback-test/x: check the S3 credentials")
          .hasMessageNotContaining(secret)
          .matches(e -> ((StoreException) e).permanent());
      assertThatThrownBy(() -> bad.list("")).hasMessageContaining("access denied");
    }
  }

  @Test
  void unknownAccessKeyIsPermanentAccessDenied() {
    S3Config config = config(BUCKET, "x").withStaticCredentials("nobody", s3.secretKey());
    try (S3Store bad = new S3Store(config)) {
      assertThatThrownBy(() -> bad.get("config"))
          .isInstanceOf(StoreException.class)
          .isNotInstanceOf(ObjectNotFoundException.class)
          .hasMessageContaining("access denied to s3://volback-test/x")
          .matches(e -> ((StoreException) e).permanent());
    }
  }

  @Test
  void missingBucketIsPermanentAndNamed() {
    try (S3Store missing = new S3Store(config("no-such-bucket", "p"))) {
      assertThatThrownBy(() -> missing.put("config", new byte[1]))
          .isInstanceOf(BucketNotFoundException.class)
          .hasMessage(
              "no repository at s3://no-such-bucket/p: bucket 'no-such-bucket' does not exist at "
                  + s3.endpoint())
          .matches(e -> ((StoreException) e).permanent());
      assertThatThrownBy(() -> missing.list("snapshots/"))
          .hasMessageContaining("bucket 'no-such-bucket' does not exist");
    }
  }

  @Test
  void missingCredentialsArePermanentWithAClearMessage() {
    AwsCredentialsProvider none =
        new AwsCredentialsProvider() {
          @Override
          public AwsCredentials resolveCredentials() {
            throw SdkClientException.create("Unable to load credentials from any of the providers");
          }
        };
    try (S3Store anonymous = new S3Store(config(BUCKET, "x").withCredentials(none))) {
      assertThatThrownBy(() -> anonymous.stat("config"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(
              "cannot stat object config: no S3 credentials found for s3://volback-test/x")
          .matches(e -> ((StoreException) e).permanent());
    }
  }

  @Test
  void unreachableEndpointIsNotPermanent() throws Exception {
    URI closed = closedLoopbackPort();
    try (S3Store unreachable = new S3Store(config(closed, BUCKET, "x"))) {
      assertThatThrownBy(() -> unreachable.put("config", new byte[1]))
          .isInstanceOf(StoreException.class)
          .hasMessage(
              "cannot write object config: cannot reach S3 endpoint "
                  + closed
                  + ": connection refused")
          .matches(e -> !((StoreException) e).permanent());
    }
  }

  @Test
  void retryingStoreGivesUpQuicklyOnUnreachableEndpoint() throws Exception {
    URI closed = closedLoopbackPort();
    try (ObjectStore retrying =
        new RetryingStore(new S3Store(config(closed, BUCKET, "x")), RetryPolicy.FAST)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> retrying.stat("config"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("cannot reach S3 endpoint " + closed)
          .hasMessageEndingWith("(gave up after 3 attempts)");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void configToStringHidesCredentials() {
    assertThat(config(BUCKET, "").toString()).doesNotContain(s3.secretKey(), s3.accessKey());
  }

  private static S3Config config(String bucket, String prefix) {
    return config(s3.endpoint(), bucket, prefix);
  }

  private static S3Config config(URI endpoint, String bucket, String prefix) {
    S3Location location = new S3Location(bucket, prefix, Optional.of(endpoint), true);
    return S3Config.of(location)
        .withRegion("us-east-1")
        .withStaticCredentials(s3.accessKey(), s3.secretKey());
  }

  private static URI closedLoopbackPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }
}

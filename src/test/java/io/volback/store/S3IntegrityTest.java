package io.volback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.testsupport.S3ProxyServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3IntegrityTest checks that damaged uploads do not get into the bucket: every PUT carries a
 * Content-MD5 that the server verifies, and a body damaged on the way is rejected and sent again.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class S3IntegrityTest {
  private static final String BUCKET = "volback-integrity";
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

  @Test
  void putBodyCorruptedInTransitIsRejectedRetriedAndStoredIntact() throws Exception {
    byte[] data = random(100_000, 1);
    try (CorruptingProxy proxy = new CorruptingProxy(s3.endpoint(), 1000);
        ObjectStore viaProxy =
            new RetryingStore(new S3Store(config(proxy.endpoint(), "flip")), RetryPolicy.FAST);
        ObjectStore direct = new S3Store(config(s3.endpoint(), "flip"))) {
      viaProxy.put("data/ab/pack", data);

      assertThat(proxy.corruptedBodies()).isEqualTo(1);
      assertThat(proxy.putHeaders()).hasSize(2);
      try (InputStream in = direct.get("data/ab/pack")) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
    }
  }

  /**
   * Over https the SDK does not sign the payload (UNSIGNED-PAYLOAD), so before Content-MD5 nothing
   * checked the body: the first half shows a damaged upload stored as if intact, as volback's
   * uploads to S3-compatible servers were; the second that S3Store's are refused and resent.
   */
  @Test
  void overHttpsOnlyContentMd5KeepsABodyCorruptedInTransitOut(@TempDir Path dir) throws Exception {
    TestTls tls = TestTls.create(dir);
    byte[] data = random(100_000, 4);
    try (CorruptingProxy proxy = new CorruptingProxy(s3.endpoint(), 1000, tls.serverContext());
        S3Client withoutMd5 =
            S3Clients.build(config(proxy.endpoint(), "https"), Region.US_EAST_1, tls.trust())) {
      withoutMd5.putObject(
          r -> r.bucket(BUCKET).key("https/unchecked"), RequestBody.fromBytes(data));

      assertThat(proxy.corruptedBodies()).isEqualTo(1);
      assertThat(proxy.putHeaders())
          .singleElement()
          .asString()
          .contains("UNSIGNED-PAYLOAD")
          .doesNotContainIgnoringCase("content-md5");
      assertThat(readDirect("unchecked")).isNotEqualTo(data).hasSameSizeAs(data);
    }
    try (CorruptingProxy proxy = new CorruptingProxy(s3.endpoint(), 1000, tls.serverContext());
        ObjectStore store =
            new RetryingStore(
                new S3Store(config(proxy.endpoint(), "https"), tls.trust()), RetryPolicy.FAST)) {
      store.put("checked", data);

      assertThat(proxy.corruptedBodies()).isEqualTo(1);
      assertThat(proxy.putHeaders()).hasSize(2);
      assertThat(readDirect("checked")).isEqualTo(data);
    }
  }

  private static byte[] readDirect(String key) throws Exception {
    try (ObjectStore direct = new S3Store(config(s3.endpoint(), "https"));
        InputStream in = direct.get(key)) {
      return in.readAllBytes();
    }
  }

  @Test
  void everyPutCarriesContentMd5AndNoAwsChunkedEncoding() throws Exception {
    int fiveMiB = S3Config.MIN_PART_SIZE;
    try (CorruptingProxy proxy = new CorruptingProxy(s3.endpoint(), -1);
        ObjectStore store =
            new S3Store(config(proxy.endpoint(), "md5").withMultipart(fiveMiB, fiveMiB))) {
      store.put("config", random(300, 2));
      store.put("data/cd/multipart", random(fiveMiB + 1000, 3));

      assertThat(proxy.putHeaders())
          .hasSize(3)
          .allSatisfy(
              headers ->
                  assertThat(headers)
                      .containsIgnoringCase("\r\ncontent-md5:")
                      .doesNotContainIgnoringCase("aws-chunked")
                      .doesNotContainIgnoringCase("x-amz-trailer"));
    }
  }

  @Test
  void serverRejectsABodyThatDoesNotMatchItsContentMd5() throws Exception {
    S3Config config = config(s3.endpoint(), "verify");
    try (S3Client client = S3Clients.build(config, Region.US_EAST_1)) {
      String md5OfOtherBytes = md5(new byte[] {1, 2, 3});

      assertThatThrownBy(
              () ->
                  client.putObject(
                      r -> r.bucket(BUCKET).key("verify/x").contentMD5(md5OfOtherBytes),
                      RequestBody.fromBytes(new byte[] {1, 2, 4})))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
              });
    }
  }

  private static S3Config config(URI endpoint, String prefix) {
    S3Location location = new S3Location(BUCKET, prefix, Optional.of(endpoint), true);
    return S3Config.of(location)
        .withRegion("us-east-1")
        .withStaticCredentials(s3.accessKey(), s3.secretKey());
  }

  private static String md5(byte[] data) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
  }

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }
}

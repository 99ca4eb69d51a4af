package io.volback.e2e;

import io.volback.store.ObjectStore;
import io.volback.store.S3Config;
import io.volback.store.S3Location;
import io.volback.store.S3Store;
import io.volback.testsupport.S3ProxyServer;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/** The round trip against a real S3 API server (S3Proxy, in-process, on loopback). */
class S3RoundTripTest extends RoundTripContract {
  private static S3ProxyServer s3;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyServer.shared();
  }

  @Override
  ObjectStore newStore() {
    String bucket = "rt-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    S3Location location = new S3Location(bucket, "repo", Optional.of(s3.endpoint()), true);
    return new S3Store(S3Config.of(location).withStaticCredentials(s3.accessKey(), s3.secretKey()));
  }
}

package io.volback.e2e;

import io.volback.store.ObjectStore;
import io.volback.store.S3Config;
import io.volback.store.S3Location;
import io.volback.store.S3Store;
import io.volback.testsupport.Cli;
import io.volback.testsupport.S3ProxyServer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** check on a repository in a real S3 API server (S3Proxy, in-process). */
class S3CheckTest extends CheckContract {
  private static S3ProxyServer s3;
  private String bucket;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyServer.shared();
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
  }

  @AfterAll
  static void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Override
  Cli newRepositoryCli(Path passwordFile) {
    bucket = "check-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    return new Cli("s3://" + bucket + "/repo", passwordFile)
        .with("--s3-endpoint", s3.endpoint().toString(), "--s3-path-style");
  }

  @Override
  ObjectStore store() {
    S3Location location = new S3Location(bucket, "repo", Optional.of(s3.endpoint()), true);
    return new S3Store(S3Config.of(location).withStaticCredentials(s3.accessKey(), s3.secretKey()));
  }
}

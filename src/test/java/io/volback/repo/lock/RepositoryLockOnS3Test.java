package io.volback.repo.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.Id;
import io.volback.repo.Json;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.store.ObjectStore;
import io.volback.store.S3Config;
import io.volback.store.S3Location;
import io.volback.store.S3Store;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.TestRepoConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lock ages on a real S3 server (S3Proxy): they are measured by the server's LastModified, not by
 * the time a writer put in its lock. S3 lets no client set LastModified, so an old object cannot be
 * made here; RepositoryLockTest (folder store) and StaleLockRuleTest cover that side.
 */
@Timeout(60)
class RepositoryLockOnS3Test {
  private static final Duration SHORT = Duration.ofMillis(300);
  private static final AtomicInteger buckets = new AtomicInteger();

  private ObjectStore store;
  private Repository repo;

  @BeforeEach
  void setUp() throws Exception {
    S3ProxyServer s3 = S3ProxyServer.shared();
    String bucket = "lock-skew-" + buckets.incrementAndGet();
    s3.createBucket(bucket);
    S3Location location = new S3Location(bucket, "", Optional.of(s3.endpoint()), true);
    store =
        new S3Store(
            S3Config.of(location)
                .withRegion("us-east-1")
                .withStaticCredentials(s3.accessKey(), s3.secretKey()));
    repo = Repository.init(store, "pw".toCharArray(), KdfParams.CHEAP, TestRepoConfig.defaults());
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  @Test
  void liveLockOfAWriterWhoseClockIsAnHourBehindIsNotStaleWhileItsObjectIsFresh() throws Exception {
    Map<String, Object> lock = new LinkedHashMap<>();
    lock.put("time", Instant.now().minus(Duration.ofHours(1)).toString());
    lock.put("exclusive", false);
    lock.put("hostname", "other-host");
    lock.put("pid", 4_000_000_000L);
    lock.put("username", "someone");
    lock.put("nonce", "other");
    lock.put("bootId", "another-kernel");
    lock.put("pidNamespace", "pid:[4026531836]");
    String key = RepoLayout.lock(Id.sha256(Json.write(lock)));
    store.put(key, repo.sealer().seal(Json.write(lock)));

    assertThatThrownBy(() -> repo.lock(LockMode.EXCLUSIVE, SHORT))
        .isInstanceOf(RepositoryLockedException.class)
        .hasMessageContaining(key);
    assertThat(store.stat(key)).isPresent();
  }
}

package io.volback.repo.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.Id;
import io.volback.repo.Json;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.TestRepoConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lock ages by the store's clock alone: the store's clock here is years off this host's, and only
 * the times it stamped on lock objects decide, whatever time the writer put in its lock.
 */
@Timeout(30)
class LockAgeByStoreClockTest {
  private static final Duration SHORT = Duration.ofMillis(300);

  private final StoreClock storeClock = new StoreClock(Instant.parse("2019-06-01T00:00:00Z"));
  private final MemoryStore store = new MemoryStore(storeClock);
  private Repository repo;

  @BeforeEach
  void setUp() throws Exception {
    repo = Repository.init(store, "pw".toCharArray(), KdfParams.CHEAP, TestRepoConfig.defaults());
  }

  /** Writes another host's live lock claiming time; only its age can make it stale. */
  private String anotherHostsLock(Instant time) throws Exception {
    Map<String, Object> lock = new LinkedHashMap<>();
    lock.put("time", time.toString());
    lock.put("exclusive", false);
    lock.put("hostname", "other-host");
    lock.put("pid", 4_000_000_000L);
    lock.put("username", "someone");
    lock.put("nonce", "other");
    lock.put("bootId", "another-kernel");
    lock.put("pidNamespace", "pid:[4026531836]");
    String key = RepoLayout.lock(Id.sha256(Json.write(lock)));
    store.put(key, repo.sealer().seal(Json.write(lock)));
    return key;
  }

  @Test
  void lockTheStoreSawWrittenLongerAgoThanTheStaleAgeIsStaleThoughItsTimeSaysNow()
      throws Exception {
    String key = anotherHostsLock(Instant.now());
    storeClock.advance(Duration.ofMinutes(31));

    try (RepositoryLock lock = repo.lock(LockMode.EXCLUSIVE, SHORT)) {
      assertThat(store.stat(key)).isEmpty();
    }
  }

  @Test
  void lockTheStoreSawWrittenRecentlyIsHeldThoughItsTimeIsHoursOld() throws Exception {
    String key = anotherHostsLock(Instant.now().minus(Duration.ofHours(2)));
    storeClock.advance(Duration.ofMinutes(29));

    assertThatThrownBy(() -> repo.lock(LockMode.EXCLUSIVE, SHORT))
        .isInstanceOf(RepositoryLockedException.class)
        .hasMessageContaining(key);
    assertThat(store.stat(key)).isPresent();
  }

  /** StoreClock is the store's clock, moved by the test only. */
  private static final class StoreClock extends Clock {
    private volatile Instant now;

    StoreClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}

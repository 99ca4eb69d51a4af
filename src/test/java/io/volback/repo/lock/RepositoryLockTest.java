package io.volback.repo.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.concurrent.LocalHost;
import io.volback.repo.Id;
import io.volback.repo.Json;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.store.ForwardingStore;
import io.volback.store.LocalFolderStore;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectStore;
import io.volback.testsupport.TestRepoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Lock rules against a real folder repository: staleness, refresh, loss, jitter. */
@Timeout(60)
class RepositoryLockTest {
  private static final Duration SHORT = Duration.ofMillis(300);

  @TempDir Path tmp;
  FlakyStore store;
  Repository repo;
  final AtomicLong nanos = new AtomicLong();

  @BeforeEach
  void setUp() throws Exception {
    store = new FlakyStore(new LocalFolderStore(tmp.resolve("repo")));
    repo = Repository.init(store, "pw".toCharArray(), KdfParams.CHEAP, TestRepoConfig.defaults());
  }

  private RepositoryLock.Environment testEnvironment() {
    return new RepositoryLock.Environment(
        LockOwner.current(),
        StaleLockRule.Processes.LOCAL,
        Clock.systemUTC(),
        nanos::get,
        new SplittableRandom(1));
  }

  /** Writes a lock as another process would, fields given as JSON so old readers see the same. */
  private String foreignLock(Map<String, Object> fields) throws IOException {
    Map<String, Object> lock = new LinkedHashMap<>();
    lock.put("time", Instant.now().toString());
    lock.put("exclusive", false);
    lock.put("hostname", LocalHost.name());
    lock.put("username", "someone");
    lock.putAll(fields);
    String key = RepoLayout.lock(Id.sha256(Json.write(lock)));
    store.put(key, repo.sealer().seal(Json.write(lock)));
    return key;
  }

  @Test
  void liveLockFromAnotherPidNamespaceWithTheSameHostnameIsNotTakenForStale() throws Exception {
    // A volback in a container with the host's hostname: its pid means nothing here.
    String key =
        foreignLock(
            Map.of(
                "pid",
                4_000_000_000L,
                "nonce",
                "other",
                "bootId",
                String.valueOf(LockOwner.current().bootId()),
                "pidNamespace",
                "pid:[1]"));

    assertThatThrownBy(() -> repo.lock(LockMode.EXCLUSIVE, SHORT))
        .isInstanceOf(RepositoryLockedException.class)
        .hasMessageContaining(key);
    assertThat(store.stat(key)).isPresent();
  }

  @Test
  void liveLockFromAnotherHostOfTheSameNameIsNotTakenForStale() throws Exception {
    String key =
        foreignLock(
            Map.of(
                "pid",
                4_000_000_000L,
                "nonce",
                "other",
                "bootId",
                "another-kernel",
                "pidNamespace",
                "pid:[4026531836]"));

    assertThatThrownBy(() -> repo.lock(LockMode.EXCLUSIVE, SHORT))
        .isInstanceOf(RepositoryLockedException.class)
        .hasMessageContaining(key);
  }

  @Test
  void lockOfAnEarlierProcessWithOurPidIsStale() throws Exception {
    // volback as PID 1 of a container, run again after a kill: the old lock has our pid.
    LockOwner self = LockOwner.current();
    String key =
        foreignLock(
            Map.of(
                "pid",
                self.pid(),
                "nonce",
                "earlier-process",
                "bootId",
                self.bootId(),
                "pidNamespace",
                self.pidNamespace()));

    try (RepositoryLock lock = repo.lock(LockMode.EXCLUSIVE, SHORT)) {
      assertThat(store.stat(key)).isEmpty();
    }
  }

  @Test
  void lockOfAProcessWhosePidWasReusedIsStale() throws Exception {
    ProcessHandle other = ProcessHandle.current().parent().orElseThrow();
    LockOwner self = LockOwner.current();
    String key =
        foreignLock(
            Map.of(
                "pid",
                other.pid(),
                "nonce",
                "gone",
                "processStart",
                "2001-01-01T00:00:00Z",
                "bootId",
                self.bootId(),
                "pidNamespace",
                self.pidNamespace()));

    try (RepositoryLock lock = repo.lock(LockMode.EXCLUSIVE, SHORT)) {
      assertThat(store.stat(key)).isEmpty();
    }
  }

  @Test
  void lockOfALiveProcessOnThisKernelIsHeld() throws Exception {
    ProcessHandle other = ProcessHandle.current().parent().orElseThrow();
    LockOwner self = LockOwner.current();
    String key =
        foreignLock(
            Map.of(
                "pid",
                other.pid(),
                "nonce",
                "alive",
                "processStart",
                other.info().startInstant().orElseThrow().toString(),
                "bootId",
                self.bootId(),
                "pidNamespace",
                self.pidNamespace()));

    assertThatThrownBy(() -> repo.lock(LockMode.EXCLUSIVE, SHORT)).hasMessageContaining(key);
  }

  @Test
  void garbageLockIsNamedAndRemoved() throws Exception {
    store.put(RepoLayout.LOCKS + "a".repeat(64), "12345678".getBytes());

    try (RepositoryLock lock = repo.lock(LockMode.EXCLUSIVE, SHORT)) {
      assertThat(store.stat(RepoLayout.LOCKS + "a".repeat(64))).isEmpty();
    }
  }

  @Test
  void holderWhoseLockWasRemovedStopsBeforeWriting() throws Exception {
    try (RepositoryLock lock =
        RepositoryLock.acquire(store, repo.sealer(), LockMode.SHARED, SHORT, testEnvironment())) {
      lock.checkStillHeld();
      List<ObjectInfo> locks = store.list(RepoLayout.LOCKS);
      assertThat(locks).hasSize(1);
      store.delete(locks.get(0).key());

      assertThatThrownBy(lock::checkStillHeld)
          .isInstanceOf(RepositoryLockedException.class)
          .hasMessageContaining(locks.get(0).key())
          .hasMessageContaining("removed");
      lock.refresh();
      assertThat(store.list(RepoLayout.LOCKS))
          .as("a removed lock is not silently re-created")
          .isEmpty();
    }
  }

  @Test
  void holderThatCouldNotRefreshForTheStaleAgeStopsBeforeWriting() throws Exception {
    try (RepositoryLock lock =
        RepositoryLock.acquire(store, repo.sealer(), LockMode.SHARED, SHORT, testEnvironment())) {
      nanos.addAndGet(Duration.ofMinutes(20).toNanos());
      store.failPuts.set(true);
      lock.refresh();
      lock.checkStillHeld();

      nanos.addAndGet(Duration.ofMinutes(11).toNanos());
      lock.refresh();
      assertThatThrownBy(lock::checkStillHeld)
          .isInstanceOf(RepositoryLockedException.class)
          .hasMessageContaining("could not be refreshed for 31 minutes");
      store.failPuts.set(false);
    }
  }

  @Test
  void refreshedLockStaysHeld() throws Exception {
    try (RepositoryLock lock =
        RepositoryLock.acquire(store, repo.sealer(), LockMode.SHARED, SHORT, testEnvironment())) {
      for (int i = 0; i < 10; i++) {
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());
        lock.refresh();
        lock.checkStillHeld();
      }
    }
  }

  /** A live lock of a volback on another host: only its age can make it stale. */
  private static Map<String, Object> anotherHostsLock(Instant time) {
    return Map.of(
        "time",
        time.toString(),
        "hostname",
        "other-host",
        "pid",
        4_000_000_000L,
        "nonce",
        "other",
        "bootId",
        "another-kernel",
        "pidNamespace",
        "pid:[4026531836]");
  }

  @Test
  void liveLockOfAWriterWhoseClockIsAnHourBehindIsNotStaleWhileItsObjectIsFresh() throws Exception {
    String key = foreignLock(anotherHostsLock(Instant.now().minus(Duration.ofHours(1))));

    assertThatThrownBy(() -> repo.lock(LockMode.EXCLUSIVE, SHORT))
        .isInstanceOf(RepositoryLockedException.class)
        .hasMessageContaining(key);
    assertThat(store.stat(key)).isPresent();
  }

  @Test
  void lockObjectUntouchedForTheStaleAgeIsStaleThoughItsTimeSaysNow() throws Exception {
    // The writer's clock is 31 minutes ahead, or it stopped refreshing: the store's time decides.
    String key = foreignLock(anotherHostsLock(Instant.now()));
    Files.setLastModifiedTime(
        tmp.resolve("repo").resolve(key),
        FileTime.from(Instant.now().minus(Duration.ofMinutes(31))));

    try (RepositoryLock lock = repo.lock(LockMode.EXCLUSIVE, SHORT)) {
      assertThat(store.stat(key)).isEmpty();
    }
  }

  @Test
  void refreshAdvancesTheLockObjectsModificationTime() throws Exception {
    try (RepositoryLock lock =
        RepositoryLock.acquire(store, repo.sealer(), LockMode.SHARED, SHORT, testEnvironment())) {
      String key = store.list(RepoLayout.LOCKS).get(0).key();
      Instant old = Instant.now().minus(Duration.ofMinutes(20));
      Files.setLastModifiedTime(tmp.resolve("repo").resolve(key), FileTime.from(old));

      lock.refresh();

      assertThat(store.stat(key).orElseThrow().lastModified()).isAfter(old.plusSeconds(60));
    }
  }

  @Test
  void waitersRetryAfterJitteredDelays() {
    Set<Long> delays = new HashSet<>();
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      long d = RepositoryLock.retryDelay(Duration.ofSeconds(30), random);
      assertThat(d).isBetween(1000L, 2999L);
      delays.add(d);
    }
    assertThat(delays).hasSizeGreaterThan(100);
    assertThat(RepositoryLock.retryDelay(Duration.ofMillis(300), random)).isBetween(50L, 149L);
  }

  /** FlakyStore is a real store whose puts can be made to fail. */
  static final class FlakyStore extends ForwardingStore {
    final AtomicBoolean failPuts = new AtomicBoolean();

    FlakyStore(ObjectStore real) {
      super(real);
    }

    private void maybeFail() throws IOException {
      if (failPuts.get()) {
        throw new IOException("store unreachable");
      }
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
      maybeFail();
      super.put(key, data);
    }

    @Override
    public void put(String key, byte[] data, int length) throws IOException {
      maybeFail();
      super.put(key, data, length);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws IOException {
      maybeFail();
      return super.putIfAbsent(key, data);
    }
  }
}

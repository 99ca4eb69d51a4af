package io.volback.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.crypto.KdfParams;
import io.volback.store.ForwardingStore;
import io.volback.store.LocalFolderStore;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectStore;
import io.volback.store.S3Config;
import io.volback.store.S3Location;
import io.volback.store.S3Store;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.TestRepoConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConcurrentInitTest races two inits on one repository: both have seen "no config" before either
 * writes (a hook holds them), as two processes started at once would.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConcurrentInitTest {
  private static final char[] FIRST = "first-password".toCharArray();
  private static final char[] SECOND = "second-password".toCharArray();

  @TempDir Path temp;

  @Test
  void twoInitsRacingOnAFolderGiveOneRepositoryAndOneKey() throws Exception {
    Path folder = temp.resolve("repo");
    raceAndCheck(() -> new LocalFolderStore(folder));
  }

  @Test
  void twoInitsRacingOnS3GiveOneRepositoryAndOneKey() throws Exception {
    S3ProxyServer s3 = S3ProxyServer.shared();
    s3.createBucket("init-race");
    S3Config config =
        S3Config.of(new S3Location("init-race", "r", Optional.of(s3.endpoint()), true))
            .withRegion("us-east-1")
            .withStaticCredentials(s3.accessKey(), s3.secretKey());
    raceAndCheck(() -> new S3Store(config));
  }

  @Test
  void anInitWhoseConfigIsReplacedWhileItWritesItsKeyRemovesTheKeyAndFails() throws Exception {
    // A store that cannot refuse (the default putIfAbsent): the racer's config lands meanwhile.
    MemoryStore store =
        new MemoryStore() {
          @Override
          public void put(String key, byte[] data, int length) throws IOException {
            super.put(key, data, length);
            if (key.startsWith(RepoLayout.KEYS)) {
              super.put(RepoLayout.CONFIG, new byte[] {1, 2, 3}, 3);
            }
          }
        };

    assertThatThrownBy(
            () -> Repository.init(store, FIRST, KdfParams.CHEAP, TestRepoConfig.defaults()))
        .isInstanceOf(RepositoryException.class)
        .hasMessage("a repository already exists at memory:");
    assertThat(store.list(RepoLayout.KEYS)).isEmpty();
  }

  private void raceAndCheck(Supplier<ObjectStore> stores) throws Exception {
    Rendezvous rendezvous = new Rendezvous();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Repository>> inits = new ArrayList<>();
    try (ObjectStore a = new HookedStore(stores.get(), rendezvous);
        ObjectStore b = new HookedStore(stores.get(), rendezvous);
        ObjectStore plain = stores.get()) {
      inits.add(
          pool.submit(() -> Repository.init(a, FIRST, KdfParams.CHEAP, TestRepoConfig.defaults())));
      inits.add(
          pool.submit(
              () -> Repository.init(b, SECOND, KdfParams.CHEAP, TestRepoConfig.defaults())));
      List<char[]> winners = new ArrayList<>();
      List<Throwable> losers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        try {
          inits.get(i).get(1, TimeUnit.MINUTES);
          winners.add(i == 0 ? FIRST : SECOND);
        } catch (java.util.concurrent.ExecutionException e) {
          losers.add(e.getCause());
        }
      }

      assertThat(winners).as("inits that succeeded").hasSize(1);
      assertThat(losers)
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e)
                      .isInstanceOf(RepositoryException.class)
                      .hasMessageStartingWith("a repository already exists at "));
      assertThat(plain.list("keys/")).as("key files").hasSize(1);
      // Not closed: a Repository closes its store.
      assertThat(Repository.open(plain, winners.get(0)).config()).isNotNull();
      char[] loser = winners.get(0) == FIRST ? SECOND : FIRST;
      assertThatThrownBy(() -> Repository.open(plain, loser))
          .isInstanceOf(WrongPasswordException.class);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Rendezvous holds the first two callers of each step until both have arrived. */
  private static final class Rendezvous {
    private final CyclicBarrier afterStat = new CyclicBarrier(2);
    private final CyclicBarrier afterCreate = new CyclicBarrier(2);
    private final AtomicInteger stats = new AtomicInteger();
    private final AtomicInteger creates = new AtomicInteger();

    void statDone() throws IOException {
      if (stats.incrementAndGet() <= 2) {
        await(afterStat);
      }
    }

    void createDone() throws IOException {
      if (creates.incrementAndGet() <= 2) {
        await(afterCreate);
      }
    }

    private static void await(CyclicBarrier barrier) throws IOException {
      try {
        barrier.await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("the other init did not arrive", e);
      }
    }
  }

  /** HookedStore meets the other init after looking for the config and after creating it. */
  private static final class HookedStore extends ForwardingStore {
    private final Rendezvous rendezvous;

    HookedStore(ObjectStore inner, Rendezvous rendezvous) {
      super(inner);
      this.rendezvous = rendezvous;
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws IOException {
      boolean created = super.putIfAbsent(key, data);
      if (key.equals(RepoLayout.CONFIG)) {
        rendezvous.createDone();
      }
      return created;
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
      Optional<ObjectInfo> info = super.stat(key);
      if (key.equals(RepoLayout.CONFIG)) {
        rendezvous.statDone();
      }
      return info;
    }
  }
}

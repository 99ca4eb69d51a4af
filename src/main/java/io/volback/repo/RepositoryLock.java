package io.volback.repo;

import java.io.InterruptedIOException;
import io.volback.repo.crypto.Sealer;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectNotFoundException;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RepositoryLock is a lock object in locks/: shared locks (backup, restore) coexist, an exclusive
 * lock (prune) excludes all others. Stale locks are ignored (and removed). A held lock is refreshed
 * every REFRESH so that others do not take it for stale. Acquiring retries until a timeout, then
 * fails naming the holder.
 */
public final class RepositoryLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RepositoryLock.class);
  private static final Duration REFRESH = Duration.ofMinutes(5);
  private static final Set<RepositoryLock> HELD = ConcurrentHashMap.newKeySet();

  static {
    // An interrupted backup (SIGINT/SIGTERM) must not leave its lock for others to wait out.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (RepositoryLock lock : Set.copyOf(HELD)) {
        try {
          lock.close();
        } catch (IOException | RuntimeException e) {
          LOG.warn("could not remove repository lock on exit: {}", e.getMessage());
        }
      }
    }, "volback-lock-release"));
  }

  private final ObjectStore store;
  private final Sealer sealer;
  private final boolean exclusive;
  private final String hostname;
  private volatile String key;
  private boolean closed;
  private ScheduledExecutorService refresher;

  private RepositoryLock(ObjectStore store, Sealer sealer, boolean exclusive, String hostname) {
    this.store = store;
    this.sealer = sealer;
    this.exclusive = exclusive;
    this.hostname = hostname;
  }

  static RepositoryLock acquire(ObjectStore store, Sealer sealer, boolean exclusive,
      Duration timeout) throws IOException {
    RepositoryLock lock = new RepositoryLock(store, sealer, exclusive, Hosts.hostname());
    // Registered before the lock object exists, so that an interrupt at any point removes it.
    HELD.add(lock);
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      String conflict = lock.tryAcquire();
      if (conflict == null) {
        lock.startRefreshing();
        return lock;
      }
      if (Instant.now().isAfter(deadline)) {
        HELD.remove(lock);
        throw new RepositoryLockedException("repository " + store.location()
            + " is locked: " + conflict + "; wait for it to finish, or remove the lock if that"
            + " process is gone");
      }
      sleep(Math.min(2000, Math.max(100, timeout.toMillis() / 10)));
    }
  }

  /** Returns null when the lock is held now, else a description of the conflicting lock. */
  private String tryAcquire() throws IOException {
    String conflict = findConflict(null);
    if (conflict != null) {
      return conflict;
    }
    write();
    conflict = findConflict(key);
    if (conflict != null) {
      removeObject();
    }
    return conflict;
  }

  private String findConflict(String ownKey) throws IOException {
    Instant now = Instant.now();
    List<ObjectInfo> locks = new ArrayList<>(store.list(RepoLayout.LOCKS));
    for (ObjectInfo info : locks) {
      if (info.key().equals(ownKey)) {
        continue;
      }
      LockInfo other;
      try {
        other = read(info.key());
      } catch (ObjectNotFoundException e) {
        continue;
      }
      if (other.isStale(now, hostname)) {
        LOG.info("removing stale {}", other.describe());
        store.delete(info.key());
        continue;
      }
      if (exclusive || other.exclusive()) {
        return other.describe();
      }
    }
    return null;
  }

  private LockInfo read(String lockKey) throws IOException {
    try (var in = store.get(lockKey)) {
      return Json.read(sealer.open(in.readAllBytes()), LockInfo.class, lockKey);
    }
  }

  /** Writes (or refreshes) the lock object; does nothing once the lock is closed. */
  private synchronized void write() throws IOException {
    if (closed) {
      return;
    }
    LockInfo info = new LockInfo(Instant.now(), exclusive, hostname, ProcessHandle.current().pid(),
        System.getProperty("user.name"));
    String newKey = key != null ? key : RepoLayout.lock(randomId());
    store.put(newKey, sealer.seal(Json.write(info)));
    key = newKey;
  }

  private void startRefreshing() {
    refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "volback-lock-refresh");
      t.setDaemon(true);
      return t;
    });
    refresher.scheduleAtFixedRate(() -> {
      try {
        write();
      } catch (IOException e) {
        LOG.warn("could not refresh the repository lock: {}", e.getMessage());
      }
    }, REFRESH.toSeconds(), REFRESH.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    HELD.remove(this);
    if (refresher != null) {
      refresher.shutdownNow();
    }
    removeObject();
  }

  private synchronized void removeObject() throws IOException {
    if (key != null) {
      store.delete(key);
      key = null;
    }
  }

  private static Id randomId() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Id.of(b);
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a repository lock");
    }
  }
}

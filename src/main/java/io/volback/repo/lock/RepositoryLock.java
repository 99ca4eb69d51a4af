package io.volback.repo.lock;

import io.volback.concurrent.DaemonPool;
import io.volback.concurrent.Interrupts;
import io.volback.concurrent.ShutdownCleanup;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import io.volback.repo.Json;
import io.volback.repo.RepoLayout;
import io.volback.repo.crypto.AuthenticationFailedException;
import io.volback.repo.crypto.Sealer;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectNotFoundException;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RepositoryLock is a lock object in locks/: shared locks (backup, restore) coexist, an exclusive
 * lock (prune) excludes all others. Stale locks (see StaleLockRule) are ignored and removed; so is
 * a lock object that is not sealed with the repository key. A held lock is refreshed every REFRESH
 * so that others do not take it for stale; a holder whose lock was removed, or could not be
 * refreshed for the stale age, learns it from checkStillHeld(). Acquiring retries with jitter until
 * a timeout, then fails naming the holder.
 */
public final class RepositoryLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RepositoryLock.class);
  private static final Duration REFRESH = Duration.ofMinutes(5);
  // An interrupted backup (SIGINT/SIGTERM) must not leave its lock for others to wait out.
  private static final ShutdownCleanup<RepositoryLock> HELD =
      new ShutdownCleanup<>("volback-lock-release", RepositoryLock::closeOnExit);

  /** Environment is what a lock depends on besides the store, replaceable in tests. */
  record Environment(
      LockOwner owner,
      StaleLockRule.Processes processes,
      Clock clock,
      LongSupplier nanoTime,
      RandomGenerator random) {
    static final Environment REAL =
        new Environment(
            LockOwner.current(),
            StaleLockRule.Processes.LOCAL,
            Clock.systemUTC(),
            System::nanoTime,
            new SecureRandom());
  }

  private final ObjectStore store;
  private final Sealer sealer;
  private final LockMode mode;
  private final Environment env;
  private final StaleLockRule staleRule;
  private volatile String key;
  private boolean closed;
  private long lastWrittenNanos;
  private String lost;
  private ScheduledExecutorService refresher;

  private RepositoryLock(ObjectStore store, Sealer sealer, LockMode mode, Environment env) {
    this.store = store;
    this.sealer = sealer;
    this.mode = mode;
    this.env = env;
    this.staleRule = new StaleLockRule(env.owner(), env.processes());
  }

  public static RepositoryLock acquire(
      ObjectStore store, Sealer sealer, LockMode mode, Duration timeout) throws IOException {
    RepositoryLock lock = acquire(store, sealer, mode, timeout, Environment.REAL);
    lock.startRefreshing();
    return lock;
  }

  /** Acquires without the background refresh (tests call refresh() themselves). */
  static RepositoryLock acquire(
      ObjectStore store, Sealer sealer, LockMode mode, Duration timeout, Environment env)
      throws IOException {
    RepositoryLock lock = new RepositoryLock(store, sealer, mode, env);
    // Registered before the lock object exists, so that an interrupt at any point removes it.
    HELD.add(lock); // refused once the process is shutting down: no new lock then
    try {
      long deadline = env.nanoTime().getAsLong() + timeout.toNanos();
      while (true) {
        String conflict = lock.tryAcquire();
        if (conflict == null) {
          return lock;
        }
        if (env.nanoTime().getAsLong() - deadline > 0) {
          throw new RepositoryLockedException(
              "repository "
                  + store.location()
                  + " is locked: "
                  + conflict
                  + "; wait for it to finish, or remove the lock if that"
                  + " process is gone");
        }
        sleep(retryDelay(timeout, env.random()));
      }
    } catch (IOException | RuntimeException e) {
      try {
        lock.close();
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** RemovedLock is a lock object that unlock removed: its key, whose it was, and why it went. */
  public record RemovedLock(String key, String holder, String reason) {}

  /**
   * Removes the stale locks (StaleLockRule) of the repository, or with all every lock, and says
   * which. Ages are measured by this host's clock against the lock's time (there is no lock object
   * of ours whose store time could serve as "now"); a process of this host is looked up as when
   * acquiring. A lock object not sealed with the repository key is garbage and always removed.
   */
  public static List<RemovedLock> removeLocks(ObjectStore store, Sealer sealer, boolean all)
      throws IOException {
    Environment env = Environment.REAL;
    StaleLockRule rule = new StaleLockRule(env.owner(), env.processes());
    List<RemovedLock> removed = new ArrayList<>();
    for (ObjectInfo info : store.list(RepoLayout.LOCKS)) {
      byte[] sealed;
      try (var in = store.get(info.key())) {
        sealed = in.readAllBytes();
      } catch (ObjectNotFoundException goneMeanwhile) {
        continue;
      }
      String holder;
      String reason;
      try {
        LockInfo lock = Json.read(sealer.open(sealed), LockInfo.class, info.key());
        if (lock.time() == null) {
          throw new CorruptObjectException(info.key() + " has no time");
        }
        holder = lock.describe();
        reason = rule.staleReason(lock, env.clock().instant(), Optional.empty());
      } catch (AuthenticationFailedException e) {
        holder = "unknown";
        reason = "not sealed with this repository's key";
      } catch (CorruptObjectException e) {
        holder = "unknown";
        reason = null;
        LOG.warn("unreadable lock: {}", e.getMessage());
      }
      if (reason == null && all) {
        reason = "--remove-all";
      }
      if (reason != null) {
        store.delete(info.key());
        removed.add(new RemovedLock(info.key(), holder, reason));
      }
    }
    return removed;
  }

  /**
   * How long to wait before trying again: about a tenth of the timeout (100 ms to 2 s), varied by
   * half of it either way so that two waiters do not keep colliding.
   */
  static long retryDelay(Duration timeout, RandomGenerator random) {
    long base = Math.min(2000, Math.max(100, timeout.toMillis() / 10));
    return base / 2 + random.nextLong(base);
  }

  /**
   * Fails unless this lock is still held: its object is in the store and was refreshed within the
   * stale age. Otherwise others may have taken it for stale (and a prune may have removed data this
   * operation relies on), so a snapshot must not be written.
   */
  public synchronized void checkStillHeld() throws IOException {
    if (closed) {
      throw new LockLostException("the repository lock on " + store.location() + " was released");
    }
    if (lost == null) {
      Duration unrefreshed = Duration.ofNanos(env.nanoTime().getAsLong() - lastWrittenNanos);
      if (unrefreshed.compareTo(LockInfo.STALE_AFTER) > 0) {
        lost = "could not be refreshed for " + unrefreshed.toMinutes() + " minutes";
      } else if (store.stat(key).isEmpty()) {
        lost = "was removed by another process";
      }
    }
    if (lost != null) {
      throw new LockLostException(
          "the repository lock "
              + key
              + " in "
              + store.location()
              + " "
              + lost
              + ": other processes may have taken it for stale;"
              + " stopping before anything that depends on it is written");
    }
  }

  /**
   * Returns null when the lock is held now, else a description of the conflicting lock. The lock
   * object is written before the others are judged: its modification time is the store's "now",
   * against which their ages are measured, so that no host's clock decides.
   */
  private String tryAcquire() throws IOException {
    write();
    String conflict = findConflict();
    if (conflict != null) {
      removeObject();
    }
    return conflict;
  }

  private String findConflict() throws IOException {
    String ownKey = key;
    Instant now = env.clock().instant();
    List<ObjectInfo> locks = new ArrayList<>(store.list(RepoLayout.LOCKS));
    Instant storeNow = storeNow(ownKey, locks);
    for (ObjectInfo info : locks) {
      if (info.key().equals(ownKey)) {
        continue;
      }
      LockInfo other = readOther(info.key());
      if (other == null) {
        continue;
      }
      // Without store times (storeNow or lastModified null) the rule falls back to this host's
      // clock against the lock's time, as good as the two hosts' clocks agree.
      Optional<Duration> storeAge =
          storeNow == null || info.lastModified() == null
              ? Optional.empty()
              : Optional.of(Duration.between(info.lastModified(), storeNow));
      String stale = staleRule.staleReason(other, now, storeAge);
      if (stale != null) {
        LOG.info("removing stale {} ({}): {}", other.describe(), info.key(), stale);
        store.delete(info.key());
        continue;
      }
      if (mode == LockMode.EXCLUSIVE || other.exclusive()) {
        return other.describe() + " (" + info.key() + ")";
      }
    }
    return null;
  }

  /**
   * The store's time of this lock object's latest write, from the same listing (or a stat when the
   * listing lags the write); null when the store gives no times. It is a moment before the listing,
   * so others' ages are, if anything, underestimated: a live lock is not removed early.
   */
  private Instant storeNow(String ownKey, List<ObjectInfo> locks) throws IOException {
    if (ownKey == null) {
      return null;
    }
    for (ObjectInfo info : locks) {
      if (info.key().equals(ownKey)) {
        return info.lastModified();
      }
    }
    return store.stat(ownKey).map(ObjectInfo::lastModified).orElse(null);
  }

  /**
   * Reads another process's lock; null when it is gone or cannot count as a lock. An object that
   * does not open with the repository key cannot have been written by a volback of this repository:
   * it is garbage, named and removed. One that opens but does not decode is named and ignored.
   */
  private LockInfo readOther(String lockKey) throws IOException {
    byte[] sealed;
    try (var in = store.get(lockKey)) {
      sealed = in.readAllBytes();
    } catch (ObjectNotFoundException e) {
      return null;
    }
    try {
      LockInfo info = Json.read(sealer.open(sealed), LockInfo.class, lockKey);
      if (info.time() == null) {
        throw new CorruptObjectException(lockKey + " has no time");
      }
      return info;
    } catch (AuthenticationFailedException e) {
      LOG.warn(
          "removing lock object {}: it is not sealed with this repository's key ({})",
          lockKey,
          e.getMessage());
      store.delete(lockKey);
      return null;
    } catch (CorruptObjectException e) {
      LOG.warn("ignoring unreadable lock: {}", e.getMessage());
      return null;
    }
  }

  /** Writes (or refreshes) the lock object; does nothing once the lock is closed. */
  private synchronized void write() throws IOException {
    if (closed) {
      return;
    }
    LockOwner owner = env.owner();
    LockInfo info =
        new LockInfo(
            env.clock().instant(),
            mode == LockMode.EXCLUSIVE,
            owner.hostname(),
            owner.pid(),
            System.getProperty("user.name"),
            owner.nonce(),
            owner.processStart(),
            owner.bootId(),
            owner.pidNamespace());
    String newKey = key != null ? key : RepoLayout.lock(randomId());
    store.put(newKey, sealer.seal(Json.write(info)));
    key = newKey;
    lastWrittenNanos = env.nanoTime().getAsLong();
  }

  /**
   * Rewrites the lock object so that others do not take it for stale; a lock object that others
   * removed meanwhile is not written again (checkStillHeld() reports it).
   */
  synchronized void refresh() {
    if (closed || lost != null) {
      return;
    }
    try {
      if (store.stat(key).isEmpty()) {
        lost = "was removed by another process";
        LOG.warn("the repository lock {} in {} {}", key, store.location(), lost);
        return;
      }
      write();
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not refresh the repository lock {}: {}", key, e.getMessage());
    }
  }

  private void startRefreshing() {
    refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> DaemonPool.newThread("volback-lock-refresh", r));
    refresher.scheduleAtFixedRate(
        this::refresh, REFRESH.toSeconds(), REFRESH.toSeconds(), TimeUnit.SECONDS);
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

  private static void closeOnExit(RepositoryLock lock) {
    try {
      lock.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not remove repository lock on exit: {}", e.getMessage());
    }
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
      throw Interrupts.interrupted("waiting for a repository lock");
    }
  }
}

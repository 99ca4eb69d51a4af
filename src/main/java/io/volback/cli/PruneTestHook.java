package io.volback.cli;

import io.volback.repo.RepoLayout;
import io.volback.store.ForwardingStore;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PruneTestHook is a test hook of `prune` only (docs/operations.md): with
 * VOLBACK_TEST_CRASH_AFTER=N the JVM halts (as under SIGKILL: no shutdown hooks, the lock stays)
 * right after the N-th write or delete of a pack or index object; with VOLBACK_TEST_PAUSE_AFTER=N
 * it prints "paused" on stderr there and sleeps two minutes, still holding its lock. Crash-safety
 * tests kill prune at every step this way.
 */
final class PruneTestHook {
  static final String CRASH_AFTER = "VOLBACK_TEST_CRASH_AFTER";
  static final String PAUSE_AFTER = "VOLBACK_TEST_PAUSE_AFTER";

  private PruneTestHook() {}

  /** store itself, or wrapped in the hook when the environment asks for one. */
  static ObjectStore wrap(ObjectStore store, Map<String, String> env) {
    String crash = env.get(CRASH_AFTER);
    String pause = env.get(PAUSE_AFTER);
    if (crash != null) {
      return new Counting(store, Integer.parseInt(crash.strip()), false);
    }
    if (pause != null) {
      return new Counting(store, Integer.parseInt(pause.strip()), true);
    }
    return store;
  }

  /** Counting counts prune's writes and deletes of packs and index objects. */
  private static final class Counting extends ForwardingStore {
    private final int after;
    private final boolean pause;
    private final AtomicInteger count = new AtomicInteger();

    Counting(ObjectStore store, int after, boolean pause) {
      super(store);
      this.after = after;
      this.pause = pause;
    }

    private void counted(String key) {
      if (!key.startsWith(RepoLayout.DATA) && !key.startsWith(RepoLayout.INDEX)) {
        return;
      }
      if (count.incrementAndGet() != after) {
        return;
      }
      if (!pause) {
        Runtime.getRuntime().halt(137);
      }
      System.err.println("volback: test hook: paused after " + key);
      System.err.flush();
      try {
        Thread.sleep(120_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
      super.put(key, data);
      counted(key);
    }

    @Override
    public void put(String key, byte[] data, int length) throws IOException {
      super.put(key, data, length);
      counted(key);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws IOException {
      boolean stored = super.putIfAbsent(key, data);
      counted(key);
      return stored;
    }

    @Override
    public void delete(String key) throws IOException {
      super.delete(key);
      counted(key);
    }
  }
}

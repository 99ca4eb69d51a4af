package io.volback.repo;

import io.volback.concurrent.DaemonPool;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectNotFoundException;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Preloader fetches the objects under some prefixes (snapshots/, index/) on a background thread
 * while the repository key is being derived, which takes a large part of a short command's time.
 * Each prefix's objects are handed out once; later reads go to the store again.
 */
final class Preloader {
  /** Raw is one fetched object, still sealed. */
  record Raw(String key, byte[] bytes) {}

  private final CompletableFuture<Map<String, List<Raw>>> fetched;

  private Preloader(CompletableFuture<Map<String, List<Raw>>> fetched) {
    this.fetched = fetched;
  }

  static Preloader start(ObjectStore store, List<String> prefixes) {
    CompletableFuture<Map<String, List<Raw>>> future = new CompletableFuture<>();
    Thread thread =
        DaemonPool.newThread(
            "volback-preload",
            () -> {
              try {
                Map<String, List<Raw>> result = new HashMap<>();
                for (String prefix : prefixes) {
                  List<Raw> raws = new ArrayList<>();
                  for (ObjectInfo info : store.list(prefix)) {
                    try (InputStream in = store.get(info.key())) {
                      raws.add(new Raw(info.key(), in.readAllBytes()));
                    } catch (ObjectNotFoundException removedMeanwhile) {
                      // listed, then deleted (by a prune): not part of the repository any more
                    }
                  }
                  result.put(prefix, raws);
                }
                future.complete(result);
              } catch (IOException | RuntimeException e) {
                future.completeExceptionally(e);
              }
            });
    thread.start();
    return new Preloader(future);
  }

  /** The objects under prefix, or null when they were not preloaded or already taken. */
  synchronized List<Raw> take(String prefix) throws IOException {
    try {
      return fetched.join().remove(prefix);
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e.getCause() instanceof RuntimeException re
          ? re
          : new UncheckedIOException(new IOException(e.getCause()));
    }
  }
}

package io.volback.store;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RetryingStore wraps a store and retries calls that failed with a non-permanent error. Reading the
 * stream returned by get is not retried: a failure there reaches the caller.
 */
public final class RetryingStore implements ObjectStore {
  private static final Logger log = LoggerFactory.getLogger(RetryingStore.class);

  private final ObjectStore inner;
  private final RetryPolicy policy;

  public RetryingStore(ObjectStore inner, RetryPolicy policy) {
    this.inner = inner;
    this.policy = policy;
  }

  /** The wrapped store. */
  public ObjectStore inner() {
    return inner;
  }

  @Override
  public String location() {
    return inner.location();
  }

  @Override
  public void put(String key, byte[] data, int length) throws IOException {
    call(
        "put",
        key,
        () -> {
          inner.put(key, data, length);
          return null;
        });
  }

  // A retry after a lost response sees the object the first attempt created and gets false:
  // callers that must know who won re-read the object.
  @Override
  public boolean putIfAbsent(String key, byte[] data) throws IOException {
    return call("putIfAbsent", key, () -> inner.putIfAbsent(key, data));
  }

  @Override
  public InputStream get(String key) throws IOException {
    return call("get", key, () -> inner.get(key));
  }

  @Override
  public void readRange(String key, long offset, int length, byte[] into) throws IOException {
    call(
        "getRange",
        key,
        () -> {
          inner.readRange(key, offset, length, into);
          return null;
        });
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    return call("stat", key, () -> inner.stat(key));
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    return call("list", prefix, () -> inner.list(prefix));
  }

  @Override
  public boolean isEmpty() throws IOException {
    return call("list", "", inner::isEmpty);
  }

  @Override
  public void delete(String key) throws IOException {
    call(
        "delete",
        key,
        () -> {
          inner.delete(key);
          return null;
        });
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }

  private <T> T call(String operation, String key, Call<T> call) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (IOException e) {
        if (!retryable(e)) {
          throw e;
        }
        if (attempt >= policy.maxAttempts()) {
          throw gaveUp(attempt, e);
        }
        Duration delay = policy.delayBeforeRetry(attempt);
        log.warn(
            "{} {} on {} failed (attempt {} of {}), retrying in {} ms: {}",
            operation,
            key,
            location(),
            attempt,
            policy.maxAttempts(),
            delay.toMillis(),
            e.getMessage());
        sleep(delay, e);
      }
    }
  }

  private static boolean retryable(IOException e) {
    return !(e instanceof StoreException se) || !se.permanent();
  }

  private static StoreException gaveUp(int attempts, IOException last) {
    String reason = last instanceof StoreException ? last.getMessage() : last.toString();
    String message = reason + " (gave up after " + attempts + " attempts)";
    return new StoreException(message, false, last);
  }

  private static void sleep(Duration delay, IOException pending) throws IOException {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.addSuppressed(e);
      throw pending;
    }
  }

  /** Call is one attempt of a store operation. */
  private interface Call<T> {
    T run() throws IOException;
  }
}

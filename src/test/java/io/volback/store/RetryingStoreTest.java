package io.volback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryingStoreTest {

  @Test
  void retriesNonPermanentErrorsUntilSuccess() throws Exception {
    FailingStore inner = new FailingStore(transientError(), new IOException("reset"));
    ObjectStore store = new RetryingStore(inner, RetryPolicy.FAST);

    assertThat(store.stat("config")).contains(new ObjectInfo("config", 1));
    assertThat(inner.calls).isEqualTo(3);
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastError() {
    FailingStore inner = new FailingStore(transientError(), transientError(), transientError());
    ObjectStore store = new RetryingStore(inner, RetryPolicy.FAST);

    assertThatThrownBy(() -> store.put("config", new byte[1]))
        .isInstanceOf(StoreException.class)
        .hasMessage("cannot reach S3 endpoint http://x: timed out (gave up after 3 attempts)")
        .hasCauseInstanceOf(StoreException.class);
    assertThat(inner.calls).isEqualTo(3);
  }

  @Test
  void doesNotRetryPermanentErrors() {
    StoreException denied = new StoreException("access denied", true, null);
    FailingStore inner = new FailingStore(denied);
    ObjectStore store = new RetryingStore(inner, RetryPolicy.FAST);

    assertThatThrownBy(() -> store.list("")).isSameAs(denied);
    assertThat(inner.calls).isEqualTo(1);
  }

  @Test
  void doesNotRetryMissingObjects() {
    ObjectNotFoundException missing = new ObjectNotFoundException("mem", "config");
    FailingStore inner = new FailingStore(missing);
    ObjectStore store = new RetryingStore(inner, RetryPolicy.FAST);

    assertThatThrownBy(() -> store.get("config")).isSameAs(missing);
    assertThat(inner.calls).isEqualTo(1);
  }

  @Test
  void delaysGrowExponentiallyUpToTheMaximumWithFullJitter() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));

    assertThat(policy.ceilingMillis(1)).isEqualTo(100);
    assertThat(policy.ceilingMillis(2)).isEqualTo(200);
    assertThat(policy.ceilingMillis(4)).isEqualTo(800);
    assertThat(policy.ceilingMillis(5)).isEqualTo(1000);
    assertThat(policy.ceilingMillis(60)).isEqualTo(1000);
    for (int i = 0; i < 100; i++) {
      assertThat(policy.delayBeforeRetry(3)).isBetween(Duration.ZERO, Duration.ofMillis(400));
    }
  }

  @Test
  void defaultPolicyIsPatientButBounded() {
    assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(6);
    assertThat(RetryPolicy.DEFAULT.maxDelay()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void policyRejectsNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static StoreException transientError() {
    return new StoreException("cannot reach S3 endpoint http://x: timed out", false, null);
  }

  /** FailingStore throws the given errors in order, then answers every call. */
  private static final class FailingStore implements ObjectStore {
    private final Deque<IOException> failures;
    int calls;

    FailingStore(IOException... failures) {
      this.failures = new ArrayDeque<>(List.of(failures));
    }

    private void maybeFail() throws IOException {
      calls++;
      if (!failures.isEmpty()) {
        throw failures.pop();
      }
    }

    @Override
    public String location() {
      return "mem";
    }

    @Override
    public void put(String key, byte[] data, int length) throws IOException {
      maybeFail();
    }

    @Override
    public InputStream get(String key) throws IOException {
      maybeFail();
      return InputStream.nullInputStream();
    }

    @Override
    public void readRange(String key, long offset, int length, byte[] into) throws IOException {
      maybeFail();
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
      maybeFail();
      return Optional.of(new ObjectInfo(key, 1));
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
      maybeFail();
      return List.of();
    }

    @Override
    public void delete(String key) throws IOException {
      maybeFail();
    }
  }
}

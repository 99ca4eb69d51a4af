package io.volback.repo.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.lock.StaleLockRule.ProcessState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stale-lock decision as pure logic: a fixed clock and a table of processes. */
class StaleLockRuleTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant STARTED = Instant.parse("2026-03-01T11:00:00Z");
  private static final LockOwner SELF =
      new LockOwner("web1", 100, "self-nonce", STARTED, "boot-a", "pid:[1]");
  private static final Map<Long, ProcessState> PROCESSES =
      Map.of(
          100L, new ProcessState(true, STARTED),
          200L, new ProcessState(true, STARTED.minusSeconds(60)));
  private final StaleLockRule rule =
      new StaleLockRule(SELF, pid -> PROCESSES.getOrDefault(pid, ProcessState.GONE));

  private static LockInfo lock(
      Instant time,
      String hostname,
      long pid,
      String nonce,
      Instant start,
      String bootId,
      String ns) {
    return new LockInfo(time, false, hostname, pid, "u", nonce, start, bootId, ns);
  }

  private static LockInfo local(long pid, String nonce, Instant start) {
    return lock(NOW.minusSeconds(60), "web1", pid, nonce, start, "boot-a", "pid:[1]");
  }

  private String stale(LockInfo lock) {
    return rule.staleReason(lock, NOW, Optional.empty());
  }

  @Test
  void lockOfALiveProcessWithTheSameStartIsHeld() {
    assertThat(stale(local(200, "n", STARTED.minusSeconds(60)))).isNull();
  }

  @Test
  void lockOfADeadProcessOnThisKernelIsStale() {
    assertThat(stale(local(300, "n", STARTED))).contains("process 300 is gone");
  }

  @Test
  void lockWhosePidNowBelongsToALaterProcessIsStale() {
    assertThat(stale(local(200, "n", STARTED.minusSeconds(3600)))).contains("started");
  }

  @Test
  void lockWithOurPidIsOursOnlyWithOurNonce() {
    assertThat(stale(local(100, "self-nonce", STARTED))).isNull();
    assertThat(stale(local(100, "earlier", STARTED))).contains("this process has that pid");
  }

  @Test
  void processesOfAnotherPidNamespaceOrKernelAreNotLookedUp() {
    LockInfo otherNamespace = lock(NOW, "web1", 300, "n", STARTED, "boot-a", "pid:[2]");
    LockInfo otherHostSameName = lock(NOW, "web1", 300, "n", STARTED, "boot-b", "pid:[1]");
    assertThat(stale(otherNamespace)).isNull();
    assertThat(stale(otherHostSameName)).isNull();
  }

  @Test
  void lockOfAnOlderVolbackKeepsTheHostnameRule() {
    assertThat(stale(lock(NOW, "web1", 300, null, null, null, null))).contains("is gone");
    assertThat(stale(lock(NOW, "web1", 200, null, null, null, null))).isNull();
    assertThat(stale(lock(NOW, "db1", 300, null, null, null, null))).isNull();
  }

  @Test
  void lockNotRefreshedForTheStaleAgeIsStaleByTheReadersClock() {
    LockInfo held = local(200, "n", STARTED.minusSeconds(60));
    assertThat(rule.staleReason(held, held.time().plus(Duration.ofMinutes(29)), Optional.empty()))
        .isNull();
    assertThat(rule.staleReason(held, held.time().plus(Duration.ofMinutes(31)), Optional.empty()))
        .contains("not refreshed for 31 minutes")
        .contains("by this host's clock: the store gives no modification times");
  }

  @Test
  void lockWhoseTimeSaysNowIsStaleWhenTheStoreLastSawItWrittenLongerAgoThanTheStaleAge() {
    // S3 lets no client set LastModified: the old-object side is shown here and on a folder store.
    LockInfo saysNow = lock(NOW, "db1", 300, "n", STARTED, "b", "p");
    assertThat(rule.staleReason(saysNow, NOW, Optional.of(Duration.ofMinutes(31))))
        .contains("not refreshed for 31 minutes (by the store's clock)");
    assertThat(rule.staleReason(saysNow, NOW, Optional.of(Duration.ofMinutes(29)))).isNull();
  }

  @Test
  void storeAgeDecidesOverTheReadersClock() {
    // Writer's clock an hour ahead of the reader's: by the reader's clock it looks fresh.
    LockInfo aheadOfUs = lock(NOW.plus(Duration.ofHours(1)), "db1", 300, "n", STARTED, "b", "p");
    assertThat(rule.staleReason(aheadOfUs, NOW, Optional.of(Duration.ofMinutes(31))))
        .contains("by the store's clock");
    // Writer's clock an hour behind: by the reader's clock it looks stale.
    LockInfo behindUs = lock(NOW.minus(Duration.ofHours(1)), "db1", 300, "n", STARTED, "b", "p");
    assertThat(rule.staleReason(behindUs, NOW, Optional.of(Duration.ofMinutes(1)))).isNull();
  }
}

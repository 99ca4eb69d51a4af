package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.Id;
import io.volback.repo.Repository;
import io.volback.repo.WrongPasswordException;
import io.volback.repo.crypto.KdfParams;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.TestRepoConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ManageKeys's rules over an in-memory repository with cheap keys. */
@Timeout(60)
class ManageKeysTest {
  final MemoryStore store = new MemoryStore();

  @Test
  void addedKeyOpensTheSameRepositoryAndOnlyTheOpeningKeyIsCurrent() throws Exception {
    Repository repo = Repository.init(store, pw("a"), KdfParams.CHEAP, TestRepoConfig.defaults());
    Id added = new ManageKeys(repo, KdfParams.CHEAP).add(pw("b"));
    Repository byB = Repository.open(store, pw("b"));
    assertThat(byB.currentKeyId()).isEqualTo(added);
    assertThat(byB.config().id()).isEqualTo(repo.config().id());
    assertThat(new ManageKeys(repo, KdfParams.CHEAP).list())
        .extracting(ManageKeys.KeyListing::current)
        .containsExactlyInAnyOrder(true, false);
  }

  @Test
  void passwdReplacesTheCurrentKeyAndTheOldPasswordNoLongerOpens() throws Exception {
    Repository repo = Repository.init(store, pw("a"), KdfParams.CHEAP, TestRepoConfig.defaults());
    ManageKeys.Changed changed = new ManageKeys(repo, KdfParams.CHEAP).passwd(pw("b"));
    assertThat(changed.removed()).isEqualTo(repo.currentKeyId());
    assertThat(repo.keys()).hasSize(1);
    assertThatThrownBy(() -> Repository.open(store, pw("a")))
        .isInstanceOf(WrongPasswordException.class);
    assertThat(Repository.open(store, pw("b")).currentKeyId()).isEqualTo(changed.added());
  }

  @Test
  void theLastKeyAndTheCurrentKeyAreRefusedAndAnAmbiguousPrefixIsAUsageError() throws Exception {
    Repository repo = Repository.init(store, pw("a"), KdfParams.CHEAP, TestRepoConfig.defaults());
    ManageKeys keys = new ManageKeys(repo, KdfParams.CHEAP);
    assertThatThrownBy(() -> keys.remove(repo.currentKeyId().hex()))
        .isInstanceOf(OperationRefusedException.class)
        .hasMessageContaining("last key");
    keys.add(pw("b"));
    assertThatThrownBy(() -> keys.remove(repo.currentKeyId().shortHex()))
        .isInstanceOf(OperationRefusedException.class)
        .hasMessageContaining("this password opened");
    assertThatThrownBy(() -> keys.remove("")).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> keys.remove("zz")).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> keys.add(new char[0])).isInstanceOf(UsageException.class);
    assertThat(repo.keys()).hasSize(2);
  }

  private static char[] pw(String s) {
    return s.toCharArray();
  }
}

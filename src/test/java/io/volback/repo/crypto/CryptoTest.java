package io.volback.repo.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CryptoTest {
  @Test
  void sealOpensAndUsesFreshNonces() throws Exception {
    Sealer sealer = Sealer.forMasterKey(MasterKey.random());
    byte[] msg = "hello volumes".getBytes(StandardCharsets.UTF_8);
    byte[] a = sealer.seal(msg);
    byte[] b = sealer.seal(msg);
    assertThat(a).isNotEqualTo(b);
    assertThat(a).hasSize(msg.length + Sealer.OVERHEAD);
    assertThat(sealer.open(a)).isEqualTo(msg);
  }

  @Test
  void tamperedCiphertextIsRejected() {
    Sealer sealer = Sealer.forMasterKey(MasterKey.random());
    byte[] sealed = sealer.seal(new byte[100]);
    sealed[50] ^= 1;
    assertThatThrownBy(() -> sealer.open(sealed)).isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void keyFileUnwrapsOnlyWithItsPassword() throws Exception {
    MasterKey key = MasterKey.random();
    KeyFile file = KeyFile.wrap(key, "s3cret".toCharArray(), KdfParams.CHEAP, "host", "user");
    MasterKey back = file.unwrap("s3cret".toCharArray());
    assertThat(back.toBytes()).isEqualTo(key.toBytes());
    assertThatThrownBy(() -> file.unwrap("wrong".toCharArray()))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void blobIdsAreKeyed() {
    byte[] data = new byte[] {1, 2, 3};
    assertThat(new BlobHasher(MasterKey.random()).hash(data))
        .isNotEqualTo(new BlobHasher(MasterKey.random()).hash(data));
  }
}

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
  void sealedMessagesAreStandardAesGcmBothWays() throws Exception {
    byte[] key = new byte[32];
    new java.util.Random(5).nextBytes(key);
    Sealer sealer = new Sealer(key);
    javax.crypto.spec.SecretKeySpec spec = new javax.crypto.spec.SecretKeySpec(key, "AES");
    for (int size : new int[] {0, 1, 15, 16, 17, 2047, 2048, 2049, 4096, (1 << 20) + 3}) {
      byte[] msg = new byte[size];
      new java.util.Random(size).nextBytes(msg);
      byte[] sealed = sealer.seal(msg);
      javax.crypto.Cipher jdk = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
      jdk.init(
          javax.crypto.Cipher.DECRYPT_MODE,
          spec,
          new javax.crypto.spec.GCMParameterSpec(128, sealed, 0, 12));
      assertThat(jdk.doFinal(sealed, 12, sealed.length - 12)).as("size %d", size).isEqualTo(msg);

      byte[] nonce = new byte[12];
      nonce[0] = (byte) size;
      nonce[1] = (byte) (size >> 8);
      jdk.init(
          javax.crypto.Cipher.ENCRYPT_MODE,
          spec,
          new javax.crypto.spec.GCMParameterSpec(128, nonce));
      byte[] standard = jdk.doFinal(msg);
      byte[] framed = new byte[12 + standard.length];
      System.arraycopy(nonce, 0, framed, 0, 12);
      System.arraycopy(standard, 0, framed, 12, standard.length);
      assertThat(sealer.open(framed)).as("size %d", size).isEqualTo(msg);
      assertThat(sealer.open(framed)).as("opening twice").isEqualTo(msg);
    }
  }

  @Test
  void sealWithPrefixEqualsSealOfTheJoinedBytes() throws Exception {
    Sealer sealer = Sealer.forMasterKey(MasterKey.random());
    byte[] data = new byte[5000];
    new java.util.Random(9).nextBytes(data);
    byte[] joined = new byte[data.length + 1];
    joined[0] = 7;
    System.arraycopy(data, 0, joined, 1, data.length);
    assertThat(sealer.open(sealer.seal((byte) 7, data, 0, data.length))).isEqualTo(joined);
    assertThat(sealer.open(sealer.seal((byte) 7, data, 10, 0))).containsExactly(7);
  }

  @Test
  void tamperedCiphertextIsRejected() {
    Sealer sealer = Sealer.forMasterKey(MasterKey.random());
    for (int pos : new int[] {0, 11, 12, 50, 5000, 10_027}) {
      byte[] sealed = sealer.seal(new byte[10_000]);
      sealed[pos] ^= 1;
      assertThatThrownBy(() -> sealer.open(sealed))
          .as("flipped byte %d", pos)
          .isInstanceOf(AuthenticationFailedException.class);
    }
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

package io.volback.repo.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native provider (ACCP) and the JDK's seal, open and hash interchangeably: the repository
 * format does not depend on which one a process picked.
 */
class CryptoProvidersInterchangeableTest {
  private static final int[] SIZES = {0, 1, 15, 16, 17, 2047, 2048, 2049, 65_536, (1 << 20) + 3};

  private static CryptoProvider accp;
  private static final CryptoProvider JDK = CryptoProvider.jdk();

  @BeforeAll
  static void nativeProviderLoadsOnThisMachine() {
    // CI runs on linux-x86_64, where ACCP must load: otherwise these tests would compare the JDK
    // with itself.
    accp = CryptoProvider.nativeOrNull();
    assertThat(accp).as("the native crypto provider").isNotNull();
    assertThat(accp.isNative()).isTrue();
    assertThat(JDK.isNative()).isFalse();
  }

  @Test
  void aMessageSealedByEitherProviderOpensWithBoth() throws Exception {
    MasterKey key = MasterKey.random();
    List<Sealer> sealers = List.of(Sealer.forMasterKey(key, accp), Sealer.forMasterKey(key, JDK));
    for (int size : SIZES) {
      byte[] message = random(size);
      for (Sealer sealing : sealers) {
        byte[] sealed = sealing.seal((byte) 3, message, 0, size);
        for (Sealer opening : sealers) {
          byte[] opened = opening.open(sealed);
          assertThat(opened).as("size %d", size).hasSize(size + 1).startsWith(3);
          assertThat(java.util.Arrays.copyOfRange(opened, 1, opened.length)).isEqualTo(message);
          assertThat(opening.open(sealed)).as("opening twice").isEqualTo(opened);
        }
      }
    }
  }

  @Test
  void blobIdsAndObjectIdsAreEqualOnBothProviders() {
    MasterKey key = MasterKey.random();
    BlobHasher nativeHasher = new BlobHasher(key, accp);
    BlobHasher jdkHasher = new BlobHasher(key, JDK);
    for (int size : SIZES) {
      byte[] data = random(size);
      assertThat(nativeHasher.hash(data)).as("size %d", size).isEqualTo(jdkHasher.hash(data));
      assertThat(accp.digest("SHA-256").digest(data)).isEqualTo(JDK.digest("SHA-256").digest(data));
    }
  }

  @Test
  void tamperedCiphertextFailsOnBothProviders() {
    MasterKey key = MasterKey.random();
    for (CryptoProvider sealedBy : List.of(accp, JDK)) {
      for (CryptoProvider openedBy : List.of(accp, JDK)) {
        Sealer opener = Sealer.forMasterKey(key, openedBy);
        for (int pos : new int[] {0, 11, 12, 50, 5000, 10_027}) {
          byte[] sealed = Sealer.forMasterKey(key, sealedBy).seal(new byte[10_000]);
          sealed[pos] ^= 1;
          assertThatThrownBy(() -> opener.open(sealed))
              .as("%s -> %s, flipped byte %d", sealedBy, openedBy, pos)
              .isInstanceOf(AuthenticationFailedException.class);
        }
        assertThatThrownBy(() -> opener.open(new byte[Sealer.OVERHEAD - 1]))
            .isInstanceOf(AuthenticationFailedException.class);
      }
    }
  }

  @Test
  void theSettingJdkForcesTheJdkProviderAndAnythingElseTriesTheNativeOne() {
    assertThat(CryptoProvider.pick("jdk").isNative()).isFalse();
    assertThat(CryptoProvider.pick(" JDK ").isNative()).isFalse();
    assertThat(CryptoProvider.pick(null).isNative()).isTrue();
    assertThat(CryptoProvider.pick("auto").isNative()).isTrue();
    assertThat(CryptoProvider.pick("native").isNative()).isTrue();
    assertThat(CryptoProvider.pick("bogus").isNative()).isTrue();
  }

  private static byte[] random(int size) {
    byte[] data = new byte[size];
    new SplittableRandom(size).nextBytes(data);
    return data;
  }
}

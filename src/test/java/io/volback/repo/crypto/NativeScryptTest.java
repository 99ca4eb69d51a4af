package io.volback.repo.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** OpenSSL's scrypt gives the same keys as BouncyCastle's, so repositories open either way. */
class NativeScryptTest {

  @Test
  void opensslScryptIsPresentOnTheMachinesVolbackSupports() {
    // Debian and Ubuntu ship libcrypto.so.3 with OpenSSL 3: CI runs the native path, not the
    // fallback.
    assertThat(NativeScrypt.available()).isTrue();
  }

  @Test
  void rfc7914TestVectorMatches() {
    // RFC 7914 section 12: scrypt("pleaseletmein", "SodiumChloride", N=16384, r=8, p=1, dkLen=64).
    byte[] key =
        NativeScrypt.derive(
            "pleaseletmein".getBytes(StandardCharsets.US_ASCII),
            "SodiumChloride".getBytes(StandardCharsets.US_ASCII),
            16384,
            8,
            1,
            64);
    assertThat(HexFormat.of().formatHex(key))
        .isEqualTo(
            "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887");
  }

  @Test
  void nativeAndJavaDeriveTheSameKeyForEveryAcceptedShape() {
    byte[] password = "correct horse".getBytes(StandardCharsets.UTF_8);
    byte[] salt =
        HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    for (KdfParams params :
        new KdfParams[] {KdfParams.CHEAP, new KdfParams(2, 1, 1), new KdfParams(1 << 12, 4, 3)}) {
      byte[] nativeKey =
          NativeScrypt.derive(password, salt, params.n(), params.r(), params.p(), 32);
      assertThat(nativeKey).as(params.toString()).isEqualTo(params.deriveInJava(password, salt));
    }
  }

  @Test
  void theLargestAcceptedMemoryIsAllowedByOpenSsl() {
    // 64 MiB at r=32, N=2^14: above OpenSSL's 32 MiB default limit, within KdfParams' bounds.
    KdfParams params = new KdfParams(1 << 14, 32, 1);
    byte[] password = {1, 2, 3};
    byte[] salt = {4, 5, 6};
    assertThat(NativeScrypt.derive(password, salt, params.n(), params.r(), params.p(), 32))
        .isEqualTo(params.deriveInJava(password, salt));
  }
}

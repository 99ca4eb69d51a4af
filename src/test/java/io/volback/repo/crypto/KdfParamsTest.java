package io.volback.repo.crypto;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** scrypt parameters from key files are bounded before any memory is allocated for them. */
class KdfParamsTest {

  @Test
  void defaultsAreWithinBounds() {
    assertThatCode(() -> new KdfParams(1 << 16, 8, 1)).doesNotThrowAnyException();
    assertThatCode(() -> new KdfParams(1 << 10, 8, 1)).doesNotThrowAnyException();
  }

  @Test
  void hugeScryptCostIsRejectedWithTheParameters() {
    assertThatThrownBy(() -> new KdfParams(1 << 30, 8, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("N=1073741824");
    assertThatThrownBy(() -> new KdfParams(1 << 20, 32, 1)).hasMessageContaining("MiB");
    assertThatThrownBy(() -> new KdfParams(1 << 16, 8, 1000)).hasMessageContaining("p=1000");
    assertThatThrownBy(() -> new KdfParams(1000, 8, 1)).hasMessageContaining("N=1000");
  }

  @Test
  void keyFileWithBadSaltOrSealedKeyIsRejectedBeforeDerivation() {
    KeyFile good = KeyFile.wrap(MasterKey.random(), "pw".toCharArray(), KdfParams.CHEAP, "h", "u");
    assertThatCode(good::check).doesNotThrowAnyException();
    KeyFile noSalt = new KeyFile(1, null, "h", "u", "scrypt", 1024, 8, 1, "!!", good.data());
    assertThatThrownBy(noSalt::check).hasMessageContaining("salt");
    KeyFile shortData = new KeyFile(1, null, "h", "u", "scrypt", 1024, 8, 1, good.salt(), "AAAA");
    assertThatThrownBy(shortData::check).hasMessageContaining("sealed key of 3 bytes");
    KeyFile otherKdf =
        new KeyFile(1, null, "h", "u", "argon2", 1024, 8, 1, good.salt(), good.data());
    assertThatThrownBy(otherKdf::check).hasMessageContaining("argon2");
  }
}

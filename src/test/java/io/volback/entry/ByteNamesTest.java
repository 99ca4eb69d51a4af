package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteNamesTest {
  @Test
  void validUtf8DecodesAsUsual() {
    String name = "café ünïcödé 😀";
    assertThat(ByteNames.decode(name.getBytes(StandardCharsets.UTF_8))).isEqualTo(name);
    assertThat(ByteNames.hasEscapes(name)).isFalse();
  }

  @Test
  void invalidBytesBecomeEscapesAndComeBack() {
    byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9};
    String s = ByteNames.decode(latin1);
    assertThat(s).isEqualTo("caf\uDCE9");
    assertThat(ByteNames.hasEscapes(s)).isTrue();
    assertThat(ByteNames.printable(s)).isEqualTo("caf\\xe9");
    assertThat(ByteNames.encode(s)).isEqualTo(latin1);
  }

  @Test
  void encodedSurrogatesAndOverlongFormsAreEscapedBytewise() {
    byte[] surrogate = {(byte) 0xED, (byte) 0xB3, (byte) 0xA9};
    byte[] overlong = {(byte) 0xC0, (byte) 0xAF};
    assertThat(ByteNames.encode(ByteNames.decode(surrogate))).isEqualTo(surrogate);
    assertThat(ByteNames.encode(ByteNames.decode(overlong))).isEqualTo(overlong);
  }

  @Test
  void everyByteSequenceRoundTrips() {
    Random random = new Random(8);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(12)];
      random.nextBytes(b);
      assertThat(ByteNames.encode(ByteNames.decode(b))).isEqualTo(b);
    }
  }
}

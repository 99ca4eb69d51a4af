package io.volback.repo.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
  private static final long MIN = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long MAX = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  @Test
  void formatsAndParsesExactlyLikeJavaTime() {
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      long seconds =
          i % 4 == 0
              ? MIN - 1000 + (long) (random.nextDouble() * (MAX - MIN + 2000))
              : -5_000_000_000L + (long) (random.nextDouble() * 10_000_000_000L);
      int nano =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant t = Instant.ofEpochSecond(seconds, nano);
      String text = t.toString();
      assertThat(IsoInstants.format(t)).isEqualTo(text);
      assertThat(IsoInstants.parse(text)).isEqualTo(t);
    }
  }

  @Test
  void edgesOfTheCalendar() {
    for (String text :
        new String[] {
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59.999999999Z",
          "2000-02-29T12:00:00.5Z",
          "1900-03-01T00:00:00Z",
          "2024-12-31T23:59:59.000001Z",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999Z",
          "+10000-01-01T00:00:00Z",
          "-0001-12-31T00:00:00Z",
          "2016-07-01T10:11:12.1234Z",
          "2021-01-01T24:00:00Z"
        }) {
      Instant t = Instant.parse(text);
      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(t);
      assertThat(IsoInstants.format(t)).as(text).isEqualTo(t.toString());
    }
  }

  @Test
  void rejectsWhatJavaTimeRejects() {
    for (String text :
        new String[] {
          "2021-02-29T00:00:00Z",
          "2021-13-01T00:00:00Z",
          "2021-01-01T00:60:00Z",
          "2021-01-0xT00:00:00Z",
          "2021-01-01T00:00:00.1234567890Z",
          "2021-01-01 00:00:00Z",
          ""
        }) {
      assertThatThrownBy(() -> IsoInstants.parse(text))
          .as(text)
          .isInstanceOf(DateTimeParseException.class);
    }
  }
}

package io.volback.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeSpecValidationTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void aCompleteProbeIsAccepted() {
    assertThatCode(
            () ->
                ProbeSpecValidation.validate(
                    new ProbeSpec("pg:15", "pg_ctl start", "/data", MINUTE),
                    ProbeSpecValidation.OPTIONS))
        .doesNotThrowAnyException();
  }

  @Test
  void aMissingTimeoutTakesTheDefault() {
    assertThatCode(
            () ->
                ProbeSpecValidation.validate(
                    new ProbeSpec("pg:15", "true", "/data", null), ProbeSpecValidation.OPTIONS))
        .doesNotThrowAnyException();
  }

  @Test
  void aBlankImageIsRefusedNamingTheOption() {
    assertThatThrownBy(
            () ->
                ProbeSpecValidation.validate(
                    new ProbeSpec(" ", "true", "/data", MINUTE), ProbeSpecValidation.OPTIONS))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--probe-image is missing");
  }

  @Test
  void aBlankCommandIsRefusedNamingTheLabel() {
    assertThatThrownBy(
            () ->
                ProbeSpecValidation.validate(
                    new ProbeSpec("img", "", "/data", MINUTE), ProbeSpecValidation.LABELS))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("label volback.drill.command is missing");
  }

  @Test
  void aRelativeMountIsRefused() {
    assertThatThrownBy(
            () ->
                ProbeSpecValidation.validate(
                    new ProbeSpec("img", "true", "data", MINUTE), ProbeSpecValidation.OPTIONS))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--probe-mount must be an absolute path")
        .hasMessageContaining("'data'");
  }

  @Test
  void theRootIsRefusedAsMount() {
    assertThatThrownBy(
            () ->
                ProbeSpecValidation.validate(
                    new ProbeSpec("img", "true", "//", MINUTE), ProbeSpecValidation.OPTIONS))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--probe-mount");
  }

  @Test
  void aZeroOrNegativeTimeoutIsRefused() {
    for (Duration timeout : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
      assertThatThrownBy(
              () ->
                  ProbeSpecValidation.validate(
                      new ProbeSpec("img", "true", "/data", timeout), ProbeSpecValidation.OPTIONS))
          .isInstanceOf(UsageException.class)
          .hasMessageStartingWith("--probe-timeout must be longer than zero");
    }
  }
}

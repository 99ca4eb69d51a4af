package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.app.UsageException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PasswordCommandTest {
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aHangingCommandIsKilledAfterTheLimit() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                new PasswordCommand("sleep 60", "--password-command", Duration.ofMillis(500)).run())
        .isInstanceOf(UsageException.class)
        .hasMessage("the password command (--password-command) did not finish within 0 s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void theFirstLineWithoutItsLineEndIsThePassword() {
    assertThat(
            new PasswordCommand("printf 'pw one\\r\\nsecond'", "x", Duration.ofSeconds(20)).run())
        .isEqualTo("pw one".toCharArray());
  }
}

package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.volback.testsupport.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LogSettingsTest {
  @Test
  void volbackLogNamesLoggersAndLevelsAndRejectsTheRest() {
    List<String> rejected = new ArrayList<>();

    List<LogSettings.Setting> settings =
        LogSettings.parse(
            " org.apache.hc=debug, com.github.dockerjava=TRACE,,nolevel,=INFO,x=LOUD", rejected);

    assertThat(settings)
        .containsExactly(
            new LogSettings.Setting("org.apache.hc", Level.DEBUG),
            new LogSettings.Setting("com.github.dockerjava", Level.TRACE));
    assertThat(rejected).containsExactly("nolevel", "=INFO", "x=LOUD");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void optingInToAThirdPartyDebugLoggerWarnsThatItMayPrintSecrets() throws Exception {
    Cli.Result result =
        DebugLogSecretsTest.run(Map.of("VOLBACK_LOG", "org.apache.hc=DEBUG,bogus"), "--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err())
        .contains(
            "VOLBACK_LOG sets org.apache.hc to DEBUG: its output may show driver-option"
                + " passwords, credentials and volume content")
        .contains("VOLBACK_LOG: ignoring 'bogus'");
  }
}

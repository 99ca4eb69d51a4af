package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A probe whose mount is not a usable path is refused before the drill touches anything. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DrillProbeOptionsTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"data", "/", "//"})
  void aProbeMountThatIsNotAnAbsolutePathBelowTheRootIsAUsageError(String mount) throws Exception {
    Cli.Result result =
        VolbackProcess.run(
            Map.of(),
            "-r",
            tmp.resolve("no-repo").toString(),
            "--password-file",
            Cli.passwordFile(tmp, "pw").toString(),
            "drill",
            "--volume",
            "pgdata",
            "--probe-image",
            "postgres-probe:15",
            "--probe-command",
            "true",
            "--probe-mount",
            mount);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "volback: error: --probe-mount must be an absolute path other than / (where the"
                + " probe sees the restored volume), not '"
                + mount
                + "'\n");
  }
}

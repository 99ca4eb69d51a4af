package io.volback.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HelperCleanupTest {
  private final DockerHost host = DockerEngines.b();

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(host);
  }

  @Test
  void terminatedProcessRemovesItsHelpersOnShutdown() throws Exception {
    String volume = TestDocker.createVolume(host, "sigterm");
    Process child = startHolder(volume);
    assertThat(TestDocker.helpersOf(host, volume)).hasSize(1);

    child.destroy(); // SIGTERM
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(TestDocker.helpersOf(host, volume)).isEmpty();
  }

  @Test
  void helpersOfAKilledProcessAreRemovedAsLeftovers() throws Exception {
    String volume = TestDocker.createVolume(host, "sigkill");
    Process child = startHolder(volume);

    child.destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(TestDocker.helpersOf(host, volume)).hasSize(1);

    assertThat(HelperContainer.removeLeftoverHelpers(host)).isGreaterThanOrEqualTo(1);
    assertThat(TestDocker.helpersOf(host, volume)).isEmpty();
  }

  private Process startHolder(String volume) throws Exception {
    VolumeArchive.write(host, volume, out -> TarFixtures.writeSingleFile(out, "f", "content"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        HelperHolder.class.getName(), host.address(), volume)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
    String line = out.readLine();
    assertThat(line).as("child output").startsWith("ready");
    return child;
  }
}

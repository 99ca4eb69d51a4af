package io.volback.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    Path childErrors = Files.createTempFile("helper-holder", ".err");
    VolumeArchive.write(host, volume, out -> TarFixtures.writeSingleFile(out, "f", "content"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                HelperHolder.class.getName(),
                host.address(),
                volume)
            .redirectError(childErrors.toFile())
            .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      assertThat(ready.get(2, TimeUnit.MINUTES)).as("child output").startsWith("ready");
    } catch (TimeoutException | ExecutionException | AssertionError e) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError(
          "the helper holder did not get ready; its stderr ends with:\n" + tail(childErrors), e);
    }
    return child;
  }

  private static String tail(Path file) throws IOException {
    String text = Files.readString(file);
    return text.substring(Math.max(0, text.length() - 4000));
  }
}

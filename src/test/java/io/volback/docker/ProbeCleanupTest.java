package io.volback.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A probe container outlives neither an interrupted volback nor, past the sweep, a killed one. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ProbeCleanupTest {
  private final DockerHost host = DockerEngines.a();
  private Process child;

  @AfterEach
  void cleanUp() {
    if (child != null) {
      child.destroyForcibly();
    }
    TestDocker.removeAll(host);
  }

  @Test
  void aTerminatedProcessRemovesItsRunningProbeContainer() throws Exception {
    String volume = TestDocker.createVolume(host, "probe-sigterm");
    child = startProbe(volume);
    awaitRunningProbe(volume);

    child.destroy(); // SIGTERM
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(probesOf(volume)).isEmpty();
  }

  @Test
  void theProbeContainerOfAKilledProcessIsRemovedAsALeftover() throws Exception {
    String volume = TestDocker.createVolume(host, "probe-sigkill");
    child = startProbe(volume);
    Container probe = awaitRunningProbe(volume);
    assertThat(probe.getLabels())
        .containsEntry(HelperContainer.LABEL, "true")
        .containsEntry(HelperContainer.KIND_LABEL, "probe");

    child.destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(probesOf(volume)).hasSize(1);

    assertThat(HelperContainer.removeLeftoverHelpers(host)).isGreaterThanOrEqualTo(1);
    assertThat(probesOf(volume)).isEmpty();
  }

  private Process startProbe(String volume) throws Exception {
    String image = TestImages.busybox(host);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            ProbeHolder.class.getName(),
            host.address(),
            volume,
            image)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private Container awaitRunningProbe(String volume) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      for (Container c : probesOf(volume)) {
        if ("running".equals(c.getState())) {
          return c;
        }
      }
      assertThat(child.isAlive()).as("the probe holder is running").isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError("no running probe container of " + volume + " within 2 minutes");
  }

  private List<Container> probesOf(String volume) {
    return host.client()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(HelperContainer.LABEL + ".volume", volume))
        .exec();
  }
}

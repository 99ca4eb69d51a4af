package io.volback.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.app.ProbeResult;
import io.volback.app.ProbeSpec;
import io.volback.docker.DockerHost;
import io.volback.docker.DockerHostException;
import io.volback.docker.HelperContainer;
import io.volback.docker.LocalMountpoint;
import io.volback.docker.NoSuchVolumeException;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DockerVolumeHost.runProbe on the real engines: probe containers from a local busybox image. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProbeContainerTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private DockerHost host;

  @AfterEach
  void cleanUp() {
    if (host != null) {
      TestDocker.removeAll(host);
    }
  }

  private DockerVolumeHost on(String engine) {
    host = engine.equals("A") ? DockerEngines.a() : DockerEngines.b();
    return new DockerVolumeHost(host, LocalMountpoint.direct());
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "B"})
  void aProbeExitingZeroPasses(String engine) throws Exception {
    DockerVolumeHost target = on(engine);
    String volume = TestDocker.createVolume(host, "probe-ok");

    ProbeResult result =
        target.runProbe(
            volume, new ProbeSpec(TestImages.busybox(host), "echo all good", "/data", MINUTE));

    assertThat(result.passed()).isTrue();
    assertThat(result.exitCode()).isZero();
    assertThat(result.timedOut()).isFalse();
    assertThat(result.outputTail()).isEqualTo("all good\n");
    assertThat(result.duration()).isPositive().isLessThan(MINUTE);
    assertNoProbeContainerOf(volume);
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "B"})
  void aProbeExitingThreeFailsWithItsExitCodeAndOutputTail(String engine) throws Exception {
    DockerVolumeHost target = on(engine);
    String volume = TestDocker.createVolume(host, "probe-fail");

    ProbeResult result =
        target.runProbe(
            volume,
            new ProbeSpec(
                TestImages.busybox(host),
                "echo to stdout; echo 'relation \"t\" does not exist' >&2; exit 3",
                "/data",
                MINUTE));

    assertThat(result.passed()).isFalse();
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.timedOut()).isFalse();
    assertThat(result.outputTail()).contains("to stdout\n", "relation \"t\" does not exist\n");
    assertNoProbeContainerOf(volume);
  }

  @Test
  void aHangingProbeIsCutAtItsTimeoutAndRemoved() throws Exception {
    DockerVolumeHost target = on("B");
    String volume = TestDocker.createVolume(host, "probe-hang");

    long started = System.nanoTime();
    ProbeResult result =
        target.runProbe(
            volume,
            new ProbeSpec(
                TestImages.busybox(host),
                "echo starting; sleep 600",
                "/data",
                Duration.ofSeconds(2)));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result.timedOut()).isTrue();
    assertThat(result.exitCode()).isNull();
    assertThat(result.passed()).isFalse();
    assertThat(result.outputTail()).isEqualTo("starting\n");
    assertThat(result.duration()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(took).isLessThan(Duration.ofSeconds(30));
    assertNoProbeContainerOf(volume);
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "B"})
  void theVolumesFilesAreVisibleReadWriteAtTheMountPath(String engine) throws Exception {
    DockerVolumeHost target = on(engine);
    String volume = TestDocker.createVolume(host, "probe-files");
    target.write(volume, out -> writeFile(out, "pgdata/PG_VERSION", "15\n"));

    ProbeResult result =
        target.runProbe(
            volume,
            new ProbeSpec(
                TestImages.busybox(host),
                "cat /restored/pgdata/PG_VERSION && touch /restored/probe-was-here",
                "/restored",
                MINUTE));

    assertThat(result.passed()).as(result.outputTail()).isTrue();
    assertThat(result.outputTail()).isEqualTo("15\n");
    assertThat(target.exists(volume)).as("the named volume outlives the probe").isTrue();
    ProbeResult check =
        target.runProbe(volume, new ProbeSpec(TestImages.busybox(host), "ls /v", "/v", MINUTE));
    assertThat(check.outputTail()).contains("pgdata", "probe-was-here");
    assertNoProbeContainerOf(volume);
  }

  @Test
  void theOutputTailKeepsTheLastFourKibibytes() throws Exception {
    DockerVolumeHost target = on("A");
    String volume = TestDocker.createVolume(host, "probe-chatty");

    ProbeResult result =
        target.runProbe(
            volume,
            new ProbeSpec(
                TestImages.busybox(host),
                "i=0; while [ $i -lt 2000 ]; do echo \"line $i\"; i=$((i+1)); done; echo last",
                "/data",
                MINUTE));

    assertThat(result.passed()).isTrue();
    assertThat(result.outputTail().getBytes(StandardCharsets.UTF_8)).hasSize(4096);
    assertThat(result.outputTail()).endsWith("line 1999\nlast\n").doesNotContain("line 1000\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "B"})
  void aMissingImageIsAnErrorNamingImageAndHost(String engine) {
    DockerVolumeHost target = on(engine);
    String volume = TestDocker.createVolume(host, "probe-noimage");

    assertThatThrownBy(
            () ->
                target.runProbe(
                    volume, new ProbeSpec("volback-test-no-such-image:9", "true", "/data", MINUTE)))
        .isInstanceOf(DockerHostException.class)
        .hasMessage(
            "image volback-test-no-such-image:9 is not on Docker host "
                + host.address()
                + ": load it there (docker load / docker import) before the drill");
    assertNoProbeContainerOf(volume);
  }

  @Test
  void aMissingVolumeIsAnErrorNamingIt() {
    DockerVolumeHost target = on("A");

    assertThatThrownBy(
            () ->
                target.runProbe(
                    "volback-test-no-such-volume",
                    new ProbeSpec(TestImages.busybox(host), "true", "/data", MINUTE)))
        .isInstanceOf(NoSuchVolumeException.class)
        .hasMessageContaining("volback-test-no-such-volume");
  }

  private void assertNoProbeContainerOf(String volume) {
    assertThat(
            host.client()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(HelperContainer.LABEL + ".volume", volume))
                .exec())
        .as("containers left holding " + volume)
        .isEmpty();
  }

  private static void writeFile(java.io.OutputStream out, String path, String content)
      throws java.io.IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    for (String dir : new String[] {"data/", "data/" + path.substring(0, path.indexOf('/') + 1)}) {
      TarArchiveEntry entry = new TarArchiveEntry(dir);
      entry.setMode(0777);
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
    }
    TarArchiveEntry file = new TarArchiveEntry("data/" + path);
    file.setMode(0644);
    file.setSize(bytes.length);
    tar.putArchiveEntry(file);
    tar.write(bytes);
    tar.closeArchiveEntry();
    tar.finish();
  }
}

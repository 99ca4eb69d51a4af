package io.volback.service;

import static io.volback.service.ServiceSetup.JSON;
import static io.volback.service.ServiceSetup.await;
import static io.volback.service.ServiceSetup.awaitRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.volback.testsupport.Cli;
import io.volback.testsupport.HttpReceiver;
import io.volback.testsupport.ServeProcess;
import io.volback.testsupport.TcpRelay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service when things go wrong (child JVM, engine A, S3 server): S3 unreachable during runs,
 * and SIGTERM in the middle of a stop-mode backup; the writer always runs again afterwards.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeFailureTest {
  @TempDir Path tmp;
  private ServiceSetup setup;

  @BeforeEach
  void repository() throws Exception {
    setup = new ServiceSetup(tmp);
  }

  @AfterEach
  void cleanUp() {
    setup.removeAll();
  }

  @Test
  void s3UnreachableFailsTheRunWhichIsRetriedAndNotifiedAndTheWriterRunsAndTheNextRunSucceeds()
      throws Exception {
    String volume = setup.selectedVolume("s3cut");
    String writer = setup.writer(volume);
    try (TcpRelay relay = TcpRelay.to(setup.s3.endpoint());
        HttpReceiver receiver = HttpReceiver.start();
        ServeProcess serve =
            setup.serve(
                setup.config(
                    relay.endpoint(),
                    "notifications:",
                    "  webhook: {url: \"" + receiver.url("/hook") + "\", timeout: 2s}",
                    "scheduler:",
                    "  retries: 1",
                    "  retry-backoff: 1s"))) {
      awaitRun(serve, "a first success", Duration.ofSeconds(60), r -> succeeded(r, volume));

      // Cut while the next run holds the writer stopped if we see it, else before a run starts.
      await("a run stops the writer", Duration.ofSeconds(30), () -> !setup.running(writer));
      relay.cut();
      Instant cut = Instant.now();
      JsonNode failed =
          awaitRun(
              serve,
              "a failure of " + volume + " after the cut",
              Duration.ofSeconds(60),
              r -> failed(r, volume) && r.path("attempt").asInt() == 1);
      assertThat(failed.path("error").asText()).as(failed.toString()).isNotEmpty();
      JsonNode retried =
          awaitRun(
              serve,
              "a retry of " + volume,
              Duration.ofSeconds(60),
              r -> failed(r, volume) && r.path("attempt").asInt() == 2);
      assertThat(retried.path("job").asText()).isEqualTo(failed.path("job").asText());
      await("the writer runs again", Duration.ofSeconds(20), () -> setup.running(writer));

      relay.restore();
      Instant restored = Instant.now();
      awaitRun(
          serve,
          "a success after the relay is back",
          Duration.ofSeconds(60),
          r -> succeeded(r, volume) && Instant.parse(r.path("start").asText()).isAfter(restored));
      // The schedule fires every few seconds and each backup stops the writer again for a moment.
      await(
          "the writer runs after the success", Duration.ofSeconds(20), () -> setup.running(writer));

      assertThat(receiver.requests())
          .as("the webhook heard of the failure after " + cut)
          .anySatisfy(
              r -> {
                assertThat(r.path()).isEqualTo("/hook");
                JsonNode event = JSON.readTree(r.body());
                assertThat(event.path("outcome").asText()).isEqualTo("failed");
                assertThat(event.path("volume").asText()).isEqualTo(volume);
                assertThat(event.path("error").asText()).isNotEmpty();
              });
      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
    }
    assertThat(setup.running(writer)).isTrue();
    Cli.Result check = setup.volback("check");
    assertThat(check.exitCode()).as(check.toString()).isZero();
  }

  @Test
  void sigtermDuringAStopModeBackupLeavesTheWriterRunningAndExitsZero() throws Exception {
    String volume = setup.selectedVolume("sigterm");
    bigFiles(volume, 8);
    String writer = setup.writer(volume);
    try (ServeProcess serve =
        setup.serve(setup.config(setup.s3.endpoint(), "scheduler:", "  shutdown-timeout: 1s"))) {
      await(
          "the backup runs with the writer stopped",
          Duration.ofSeconds(60),
          () -> !setup.running(writer));
      assertThat(serve.terminate(Duration.ofSeconds(60))).as(stderr(serve)).isZero();
      await("the writer runs again", Duration.ofSeconds(10), () -> setup.running(writer));
      assertThat(serve.stderr()).doesNotContain("Exception");
    }
    Cli.Result check = setup.volback("check");
    assertThat(check.exitCode()).as(check.toString()).isZero();
  }

  private static String stderr(ServeProcess serve) {
    try {
      return serve.stderr();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private void bigFiles(String volume, int count) throws Exception {
    Random random = new Random(7);
    byte[] block = new byte[8 << 20];
    for (int i = 0; i < count; i++) {
      random.nextBytes(block);
      Files.write(setup.mountpoint(volume).resolve("big" + i), block);
    }
  }

  private static boolean succeeded(JsonNode r, String volume) {
    return volume.equals(r.path("volume").asText())
        && "succeeded".equals(r.path("outcome").asText());
  }

  private static boolean failed(JsonNode r, String volume) {
    return volume.equals(r.path("volume").asText()) && "failed".equals(r.path("outcome").asText());
  }
}

package io.volback.service;

import static io.volback.service.ServiceSetup.assertWholeRecords;
import static io.volback.service.ServiceSetup.awaitRun;
import static io.volback.service.ServiceSetup.runs;
import static io.volback.testsupport.EngineEvents.time;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Event;
import io.volback.testsupport.EngineEvents;
import io.volback.testsupport.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's consistency steps end to end (child JVM, engine A, S3 server): the stop label of a
 * writer sharing a volume with a reader, and an exec pre hook given by label, over scheduled runs.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeConsistencyTest {
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
  void theWriterIsStoppedDuringEveryScheduledBackupAndEverySnapshotEndsOnAWholeRecord()
      throws Exception {
    String volume = setup.selectedVolume("compose");
    String writer = setup.writer(volume);
    String reader = setup.reader(volume);
    String writerStarted = setup.startedAt(writer);
    String readerStarted = setup.startedAt(reader);

    List<JsonNode> backups;
    List<Event> events;
    List<Event> readerEvents;
    try (EngineEvents engine = setup.recordEvents(writer, reader);
        ServeProcess serve = setup.serve(setup.config(setup.s3.endpoint()))) {
      awaitRun(
          serve,
          "3 succeeded backups of " + volume,
          Duration.ofSeconds(60),
          r -> succeededBackups(serve, volume).size() >= 3);
      backups = succeededBackups(serve, volume);
      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
      events = engine.of(writer);
      readerEvents = engine.of(reader);
    }

    assertThat(setup.running(writer)).isTrue();
    assertThat(setup.startedAt(writer)).isNotEqualTo(writerStarted);
    assertThat(setup.startedAt(reader)).isEqualTo(readerStarted);
    assertThat(setup.running(reader)).isTrue();
    assertThat(readerEvents).isEmpty();
    for (JsonNode run : backups) {
      Instant start = Instant.parse(run.path("start").asText());
      Instant end = Instant.parse(run.path("end").asText());
      assertThat(events)
          .as("the writer's stop and start within the run " + run)
          .filteredOn(e -> !time(e).isBefore(start) && !time(e).isAfter(end))
          .extracting(Event::getAction)
          .containsExactly("stop", "start");
      String snapshot = run.path("snapshot_id").asText();
      assertWholeRecords(Files.readString(setup.restored(snapshot).resolve("log")));
    }
  }

  @Test
  void anExecPreHookGivenByLabelIsInsideTheSnapshotAndItsOutputInTheRunHistory() throws Exception {
    String volume = setup.selectedVolume("exec");
    setup.container(
        volume,
        Map.of("volback.exec.pre", "echo dumped > /data/dump.txt; echo pre-output-$((6*7))"),
        "sleep 3600");

    JsonNode run;
    try (ServeProcess serve = setup.serve(setup.config(setup.s3.endpoint()))) {
      run =
          awaitRun(
              serve,
              "a succeeded backup of " + volume,
              Duration.ofSeconds(60),
              r ->
                  volume.equals(r.path("volume").asText())
                      && "succeeded".equals(r.path("outcome").asText()));
      assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
    }

    assertThat(run.path("hook_output").asText()).as(run.toString()).contains("pre-output-42");
    Path restored = setup.restored(run.path("snapshot_id").asText());
    assertThat(Files.readString(restored.resolve("dump.txt"))).isEqualTo("dumped\n");
  }

  private static List<JsonNode> succeededBackups(ServeProcess serve, String volume) {
    try {
      return runs(serve).stream()
          .filter(r -> volume.equals(r.path("volume").asText()))
          .filter(r -> "succeeded".equals(r.path("outcome").asText()))
          .toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.volback.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the benchmark harness on a tiny data set ({@code bench/run.sh --smoke}: 8 MiB, 50 files, one
 * repeat, restic included, stage micro-benchmark at 0.1 s per stage) so that it cannot rot
 * unnoticed. volback and S3Proxy run from this test's class path; nothing is built.
 */
class BenchHarnessSmokeTest {
  private static final List<String> SCENARIOS =
      List.of(
          "first backup",
          "unchanged backup",
          "1% changed backup",
          "full restore",
          "list snapshots (fixed cost)");
  private static final List<String> TOOLS =
      List.of("volback read/write mountpoint", "volback read/write api", "restic");

  @TempDir Path out;

  // Bounds for a loaded machine: at load average ~28 on 2 cores a cold volback command here took
  // 30-57 s and this run did not finish in 300 s; on a quiet machine it takes about a minute.
  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void smokeRunProducesEveryRowWithPositiveFigures() throws Exception {
    runHarness(540, "--smoke", "--out", out.toString());

    JsonNode result = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    List<String> rows = new ArrayList<>();
    for (JsonNode row : result.get("rows")) {
      rows.add(row.get("scenario").asText() + " | " + row.get("tool").asText());
      if (row.get("scenario").asText().equals("repository size")) {
        assertThat(row.get("bytes").asLong()).as("bytes of %s", row).isPositive();
        continue;
      }
      assertThat(row.get("wall").asDouble()).as("wall of %s", row).isPositive();
      assertThat(row.get("rssMiB").asDouble()).as("RSS of %s", row).isPositive();
      boolean volback = row.get("tool").asText().equals("volback read/write mountpoint");
      if (volback) {
        assertThat(row.get("timeRatio").asDouble()).as("time ratio of %s", row).isPositive();
      }
      if (row.get("scenario").asText().startsWith("list snapshots")) {
        continue; // a fixed cost: no throughput
      }
      assertThat(row.get("mibps").asDouble()).as("MiB/s of %s", row).isPositive();
      if (volback) {
        assertThat(row.get("throughputRatio").asDouble()).as("ratio of %s", row).isPositive();
      }
    }
    List<String> expected = new ArrayList<>();
    for (String scenario : SCENARIOS) {
      for (String tool : TOOLS) {
        expected.add(scenario + " | " + tool);
      }
    }
    for (String tool : TOOLS) {
      expected.add("repository size | " + tool);
    }
    expected.add("unchanged backup | volback mountpoint, warm JVM");
    expected.add("full restore | volback mountpoint, warm JVM");
    expected.add("list snapshots (fixed cost) | volback mountpoint, warm JVM");
    expected.add("forced re-read | volback read/write mountpoint");
    expected.add("forced re-read | restic");
    expected.add("read: tar -cf - . | cat | tar (physical limit)");
    expected.add("write: tar -c | tar -xp | tar (physical limit)");
    assertThat(rows).containsAll(expected);

    assertThat(result.get("machine").get("cores").asInt()).isPositive();
    assertThat(result.get("stages").get("stages")).isNotEmpty();
    for (JsonNode stage : result.get("stages").get("stages")) {
      assertThat(stage.get("mibPerSec").asDouble()).as("stage %s", stage).isPositive();
    }
    assertThat(out.resolve("results.csv")).isNotEmptyFile();
  }

  /**
   * The scale scenarios of issue 14 at smoke size (300 small files, a 16 MiB big file, an 8 MiB
   * mixed set): every step runs for volback and restic, and each scenario writes its table and
   * JSON.
   */
  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void scaleScenariosSmokeRunEveryStepForVolbackAndRestic() throws Exception {
    runHarness(540, "--smoke", "--scenario", "small-files,big-file,mixed", "--out", out.toString());

    Map<String, List<String>> steps =
        Map.of(
            "small-files", List.of("first backup", "unchanged backup", "full restore"),
            "big-file", List.of("first backup", "1% blocks rewritten, backup"),
            "mixed", List.of("first backup", "full restore"));
    Map<String, Long> files = Map.of("small-files", 300L, "big-file", 1L, "mixed", 50L);
    for (var scenario : steps.entrySet()) {
      String name = scenario.getKey();
      JsonNode result =
          new ObjectMapper().readTree(out.resolve("scale-" + name + ".json").toFile());
      assertThat(result.get("dataset").get("files").asLong()).as(name).isEqualTo(files.get(name));
      List<String> rows = new ArrayList<>();
      for (JsonNode row : result.get("rows")) {
        String id = name + ": " + row.get("step").asText() + " | " + row.get("tool").asText();
        rows.add(id);
        assertThat(row.has("error")).as("%s failed: %s", id, row.get("error")).isFalse();
        assertThat(row.get("wall").asDouble()).as("wall of %s", id).isPositive();
        assertThat(row.get("rssMiB").asDouble()).as("RSS of %s", id).isPositive();
        assertThat(row.get("secondsPerGiB").asDouble()).as("s/GiB of %s", id).isPositive();
        if (row.get("step").asText().equals("first backup")
            || row.get("step").asText().startsWith("1% blocks")) {
          assertThat(row.get("bytesAdded").asLong()).as("bytes added by %s", id).isPositive();
        }
        if (row.get("tool").asText().startsWith("volback")) {
          assertThat(row.get("timeRatio").asDouble()).as("time ratio of %s", id).isPositive();
        }
      }
      List<String> expected = new ArrayList<>();
      for (String step : scenario.getValue()) {
        for (String tool : List.of("volback mountpoint", "restic")) {
          expected.add(name + ": " + step + " | " + tool);
        }
      }
      assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(out.resolve("scale-" + name + ".txt")).isNotEmptyFile();
    }
    JsonNode bigFile = new ObjectMapper().readTree(out.resolve("scale-big-file.json").toFile());
    assertThat(bigFile.get("dataset").get("changedBlocks").asLong()).isEqualTo(40);
  }

  /** Runs bench/run.sh with this test's class path; fails unless it exits 0 within waitSeconds. */
  private void runHarness(long waitSeconds, String... args) throws Exception {
    File log = out.resolve("run.log").toFile();
    List<String> command = new ArrayList<>(List.of("bash", "bench/run.sh"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
    pb.environment().put("VOLBACK_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment()
        .put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process p = pb.start();
    boolean done = p.waitFor(waitSeconds, TimeUnit.SECONDS);
    if (!done) {
      // SIGTERM: the harness cleans up; killed after 30 s at load 28, it had left a volume behind
      p.destroy();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    String output = Files.readString(log.toPath());
    assertThat(done).as("harness finished within %d s; output:%n%s", waitSeconds, output).isTrue();
    assertThat(p.exitValue()).as("exit code; output:%n%s", output).isZero();
  }
}

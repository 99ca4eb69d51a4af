package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.volback.docker.DockerHost;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.JsonLines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The --json contract of restore and volumes (docs/json.md) on Docker engine A, through the real
 * entry point: the fixture repository's first snapshot restored into this test's own volume, and
 * that volume listed, compared with golden files after masking names and times of this run.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DockerJsonContractTest {
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/repo-v1");
  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  private Path repo;

  @BeforeEach
  void copyFixture() throws Exception {
    repo = tmp.resolve("repo");
    try (Stream<Path> files = Files.walk(FIXTURE.resolve("repository"))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.copy(p, repo.resolve(FIXTURE.resolve("repository").relativize(p).toString()));
      }
    }
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  private Cli.Result volback(String... args) throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of(
                "-r",
                repo.toString(),
                "--password-file",
                FIXTURE.resolve("password").toString(),
                "-H",
                a.address()));
    all.addAll(List.of(args));
    return VolbackProcess.run(Map.of(), all.toArray(String[]::new));
  }

  @Test
  void restoreJsonPrintsVerboseStatusAndOneSummaryLine() throws Exception {
    String target = TestDocker.createVolume(a, "jsonrestore");
    Cli.Result r =
        volback("--json", "-vv", "restore", "7a1569af", "--to", target, "--write-path", "api");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(JsonLines.ofType(r.out(), "verbose_status"))
        .extracting(n -> n.get("action").asText() + " " + n.get("item").asText())
        .containsExactlyInAnyOrder(
            "restored /a/b/c/deep.txt",
            "restored /a/empty",
            "restored /big.bin",
            "restored /caf\\xe9",
            "restored /setuid",
            "restored /xattr.txt",
            "restored /été");
    JsonNode summary = JsonLines.summary(r.out());
    assertThat(summary.get("volume").asText()).isEqualTo(target);
    assertThat(summary.get("files_restored").asLong()).isEqualTo(7);
    JsonGolden.assertMatches(
        "restore.jsonl",
        JsonGolden.lines(
            r.out(),
            Set.of("volume", "docker_host", "seconds_elapsed"),
            Set.of("status", "verbose_status")));
  }

  @Test
  void volumesJsonIsOneArrayOfTheCliRecords() throws Exception {
    String marker = TestDocker.uniqueName("m");
    String volume = TestDocker.createVolume(a, "jsonvolumes", Map.of(), Map.of("golden", marker));
    TestDocker.createContainer(a, volume, "/data", true, Map.of());
    Cli.Result r = volback("--json", "volumes", "--label", "golden=" + marker);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("name").asText()).isEqualTo(volume);
    assertThat(list.get(0).get("consumers").get(0).get("read_only").asBoolean()).isTrue();
    JsonGolden.assertMatches(
        "volumes.json",
        JsonGolden.document(
            r.out(), Set.of("name", "id", "docker_host", "labels", "created_at", "mountpoint")));
  }
}

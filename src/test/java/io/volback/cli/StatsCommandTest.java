package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.testsupport.Cli;
import io.volback.testsupport.TestTrees;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** stats in both modes, checked against what the test wrote. */
@Timeout(300)
class StatsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Cli cli;
  Path data;
  long files;
  long bytes;

  @BeforeEach
  void repositoryWithTwoIdenticalSnapshots() throws Exception {
    cli = new Cli(tmp.resolve("repo").toString(), Cli.passwordFile(tmp, "pw"));
    ok(cli.run("init"));
    data = Files.createDirectories(tmp.resolve("tree"));
    TestTrees.populate(data, 11);
    // A restore writes each regular file once, hard links included once.
    Set<Object> inodes = new HashSet<>();
    try (Stream<Path> walk = Files.walk(data)) {
      for (Path p : walk.toList()) {
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isRegularFile() && inodes.add(a.fileKey())) {
          files++;
          bytes += a.size();
        }
      }
    }
    ok(cli.run("backup", "--path", data.toString(), "--name", "one"));
    ok(cli.run("backup", "--path", data.toString(), "--name", "one"));
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private JsonNode stats(String... args) throws Exception {
    String[] all =
        Stream.concat(Stream.of("--json", "stats"), Stream.of(args)).toArray(String[]::new);
    return JSON.readTree(ok(cli.run(all)).out());
  }

  @Test
  void restoreSizeCountsTheFilesAndBytesOfEverySelectedSnapshot() throws Exception {
    JsonNode one = stats("latest");
    assertThat(one.get("mode").asText()).isEqualTo("restore-size");
    assertThat(one.get("snapshots_count").asInt()).isEqualTo(1);
    assertThat(one.get("total_file_count").asLong()).isEqualTo(files);
    assertThat(one.get("total_size").asLong()).isEqualTo(bytes);
    assertThat(one.has("total_blob_count")).isFalse();

    JsonNode both = stats();
    assertThat(both.get("snapshots_count").asInt()).isEqualTo(2);
    assertThat(both.get("total_file_count").asLong()).isEqualTo(2 * files);
    assertThat(both.get("total_size").asLong()).isEqualTo(2 * bytes);

    assertThat(stats("--volume", "other").get("snapshots_count").asInt()).isZero();
  }

  @Test
  void rawDataOfTwoIdenticalSnapshotsEqualsOneAndDedupRatioDoubles() throws Exception {
    JsonNode one = stats("--mode", "raw-data", "latest");
    JsonNode both = stats("--mode", "raw-data");
    assertThat(both.get("total_blob_count").asLong())
        .isPositive()
        .isEqualTo(one.get("total_blob_count").asLong());
    assertThat(both.get("total_uncompressed_size").asLong())
        .isEqualTo(one.get("total_uncompressed_size").asLong());
    assertThat(both.get("total_size").asLong()).isEqualTo(one.get("total_size").asLong());
    assertThat(both.get("restore_size").asLong()).isEqualTo(2 * bytes);
    assertThat(both.get("dedup_ratio").asDouble())
        .isCloseTo(2 * one.get("dedup_ratio").asDouble(), within(1e-9));
    // Tree blobs count in the raw size too, so one snapshot's ratio is just under 1.
    assertThat(one.get("dedup_ratio").asDouble()).isBetween(0.8, 1.0);
    assertThat(one.get("compression_ratio").asDouble()).isPositive();
    assertThat(both.get("pack_count").asLong()).isPositive();
    assertThat(both.get("pack_size").asLong())
        .isGreaterThanOrEqualTo(both.get("total_size").asLong());
  }

  @Test
  void textOutputNamesTheModeAndTheTotals() {
    Cli.Result r = ok(cli.run("stats", "--mode", "raw-data"));
    assertThat(r.out())
        .contains("Stats in raw-data mode:")
        .contains("Snapshots processed:  2")
        .contains("Deduplication Ratio:")
        .contains("Repository Pack Files:");
    assertThat(ok(cli.run("stats")).out()).contains("Total File Count:  " + 2 * files);
  }

  @Test
  void anUnknownModeIsAUsageErrorNamingIt() {
    Cli.Result r = cli.run("stats", "--mode", "files-by-contents");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--mode 'files-by-contents'").doesNotContain("\tat ");
  }
}

package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.repo.Repository;
import io.volback.repo.drill.DrillRecord;
import io.volback.store.LocalFolderStore;
import io.volback.testsupport.Cli;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The --json contract of docs/json.md, through the real entry point (a child JVM): each command's
 * output on the committed fixture repository (or on a fixed directory backed up into a new one),
 * compared with golden files after masking what changes from run to run.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JsonContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/repo-v1");
  private static final String FIRST = "7a1569af";
  private static final Set<String> NEW_SNAPSHOT =
      Set.of(
          "id",
          "short_id",
          "snapshot_id",
          "time",
          "backup_start",
          "backup_end",
          "total_duration",
          "hostname",
          "username",
          "read_path",
          "data_added",
          "data_added_packed");

  @TempDir Path tmp;
  private Path repo;
  private Path source;

  @BeforeEach
  void copyFixture() throws Exception {
    repo = tmp.resolve("repo");
    try (Stream<Path> files = Files.walk(FIXTURE.resolve("repository"))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.copy(p, repo.resolve(FIXTURE.resolve("repository").relativize(p).toString()));
      }
    }
    source = Files.createDirectory(tmp.resolve("source"));
    Files.createDirectories(source.resolve("dir/sub"));
    Files.writeString(source.resolve("dir/a.txt"), "alpha\n");
    Files.writeString(source.resolve("dir/sub/b.txt"), "bravo bravo\n");
    Files.writeString(source.resolve("c.txt"), "charlie\n");
  }

  private Cli.Result volback(String... args) throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of(
                "-r", repo.toString(), "--password-file", FIXTURE.resolve("password").toString()));
    all.addAll(List.of(args));
    return VolbackProcess.run(Map.of(), all.toArray(String[]::new));
  }

  @Test
  void snapshotsJsonIsOneArrayWithResticsNames() throws Exception {
    Cli.Result r = volback("--json", "snapshots");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode first = JSON.readTree(r.out()).get(0);
    // what a restic user's script reads
    assertThat(first.get("short_id").asText()).isEqualTo(FIRST);
    assertThat(first.get("time").asText()).isEqualTo("2026-11-30T07:51:50.620285570Z");
    assertThat(first.get("hostname").asText()).isEqualTo("vm");
    assertThat(first.get("tags").get(0).asText()).isEqualTo("first");
    JsonGolden.assertMatches("snapshots.json", JsonGolden.document(r.out(), Set.of()));
  }

  @Test
  void lsJsonIsASnapshotLineThenNodeLinesWithoutInternalFields() throws Exception {
    Cli.Result r = volback("--json", "ls", FIRST);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).doesNotContain("inode", "ctime", "\"device\"", "\"root\":", "deviceMajor");
    String[] lines = r.out().split("\n");
    assertThat(JSON.readTree(lines[0]).get("message_type").asText()).isEqualTo("snapshot");
    for (int i = 1; i < lines.length; i++) {
      assertThat(JSON.readTree(lines[i]).get("message_type").asText()).isEqualTo("node");
    }
    JsonGolden.assertMatches("ls.jsonl", JsonGolden.lines(r.out(), Set.of(), Set.of()));
  }

  @Test
  void backupJsonPrintsOneSummaryLinePerSourceAndVerboseStatusWithVv() throws Exception {
    Cli.Result first =
        volback("--json", "-vv", "backup", "--path", source.toString(), "--name", "app");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.err()).isEmpty();
    JsonGolden.assertMatches(
        "backup-first.jsonl", JsonGolden.lines(first.out(), NEW_SNAPSHOT, Set.of("status")));

    Files.writeString(source.resolve("c.txt"), "charlie changed\n");
    Files.writeString(source.resolve("dir/new.txt"), "new\n");
    Cli.Result second =
        volback("--json", "-vv", "backup", "--path", source.toString(), "--name", "app");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    JsonNode summary = lastLine(second.out());
    assertThat(summary.get("files_new").asLong()).isEqualTo(1);
    assertThat(summary.get("files_changed").asLong()).isEqualTo(1);
    assertThat(summary.get("files_unmodified").asLong()).isEqualTo(2);
    JsonGolden.assertMatches(
        "backup-second.jsonl",
        JsonGolden.lines(second.out(), union(NEW_SNAPSHOT, Set.of("parent")), Set.of("status")));
  }

  @Test
  void backupJsonWithoutVerbosityPrintsOnlyStatusAndSummaryLines() throws Exception {
    Cli.Result r =
        volback("--json", "backup", "--path", source.toString(), "--name", "app", "--tag", "t");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    for (String line : r.out().split("\n")) {
      assertThat(JSON.readTree(line).get("message_type").asText()).isIn("status", "summary");
    }
    assertThat(lastLine(r.out()).get("message_type").asText()).isEqualTo("summary");
  }

  @Test
  void fatalErrorUnderJsonIsAnExitErrorLineOnStderr() throws Exception {
    Cli.Result r = volback("--json", "ls", "ffffffff");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.out()).isEmpty();
    JsonNode error = JSON.readTree(r.err().strip());
    assertThat(error.get("message_type").asText()).isEqualTo("exit_error");
    assertThat(error.get("code").asInt()).isEqualTo(r.exitCode());
    assertThat(error.get("message").asText()).contains("ffffffff");

    Cli.Result usage = volback("--json", "snapshots", "--no-such-option");
    assertThat(usage.exitCode()).isEqualTo(2);
    JsonNode usageError = JSON.readTree(usage.err().strip());
    assertThat(usageError.get("message_type").asText()).isEqualTo("exit_error");
    assertThat(usageError.get("code").asInt()).isEqualTo(2);
  }

  @Test
  void forgetDryRunJsonIsOneArrayOfGroupsWithKeepRemoveAndReasons() throws Exception {
    Cli.Result r = volback("--json", "forget", "--keep-last", "1", "--dry-run");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode group = JSON.readTree(r.out()).get(0);
    assertThat(group.get("group_key").get("volume").asText()).isEqualTo("fixture-vol");
    assertThat(group.get("group_key").has("tags")).isFalse();
    assertThat(group.get("remove").get(0).get("short_id").asText()).isEqualTo(FIRST);
    assertThat(group.get("reasons").get(0).get("matches").get(0).asText())
        .isEqualTo("last snapshot");
    JsonGolden.assertMatches("forget-dry-run.json", JsonGolden.document(r.out(), Set.of()));
  }

  @Test
  void checkJsonIsFindingLinesThenASummaryWithoutAbsentFields() throws Exception {
    Cli.Result r = volback("--json", "check", "--read-data");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode summary = lastLine(r.out());
    assertThat(summary.get("message_type").asText()).isEqualTo("summary");
    assertThat(summary.get("num_errors").asLong()).isZero();
    assertThat(summary.has("read_data_seed")).isFalse();
    JsonGolden.assertMatches("check.jsonl", JsonGolden.lines(r.out(), Set.of(), Set.of("status")));
  }

  @Test
  void pruneDryRunJsonIsOneObjectOfCountsAndPackKeys() throws Exception {
    Cli.Result r = volback("--json", "prune", "--dry-run");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode prune = JSON.readTree(r.out());
    assertThat(prune.get("dry_run").asBoolean()).isTrue();
    assertThat(prune.get("packs_deleted").asInt()).isZero();
    assertThat(prune.get("deleted").isArray()).isTrue();
    JsonGolden.assertMatches("prune-dry-run.json", JsonGolden.document(r.out(), Set.of()));
  }

  @Test
  void backupDryRunJsonLeavesOutWhatIsAbsentAndListsChangedPathsWithV() throws Exception {
    Cli.Result r =
        volback(
            "--json", "-v", "backup", "--dry-run", "--path", source.toString(), "--name", "app");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode record = lastLine(r.out());
    assertThat(record.get("message_type").asText()).isEqualTo("dry_run");
    assertThat(record.has("parent")).as("no parent: left out, not null").isFalse();
    assertThat(record.has("error")).isFalse();
    assertThat(record.get("files_new").asLong()).isEqualTo(3);
    JsonGolden.assertMatches(
        "backup-dry-run.jsonl", JsonGolden.lines(r.out(), Set.of(), Set.of("status")));
  }

  @Test
  void drillsJsonIsOneArrayOfTheStoredDrillRecordsWithoutMessageType() throws Exception {
    char[] password = Files.readString(FIXTURE.resolve("password")).strip().toCharArray();
    try (Repository r = Repository.open(new LocalFolderStore(repo), password)) {
      r.saveDrill(
          new DrillRecord(
              DrillRecord.VERSION,
              Instant.parse("2026-11-30T09:00:00Z"),
              "vm",
              "fixture-vol",
              "unix:///var/run/docker.sock",
              "7a1569af4434d24347a44081e75a45d3ebdbb28b70d87fa0bdb9cb72a98cb7c6",
              Instant.parse("2026-11-30T07:51:50.620285570Z"),
              "unix:///var/run/docker2.sock",
              "volback-drill-fixture-vol-0a1b2c3d",
              "api",
              4149.4,
              1.25,
              2.5,
              7,
              204880,
              1,
              List.of(new DrillRecord.Mismatch("/data/a.txt", "content differs")),
              List.of("mtime below whole seconds", "user.* xattrs"),
              new DrillRecord.Probe(
                  "probe:1", "check PGPASSWORD=hunter2", "/data", 3, false, 0.5, "bad\n"),
              DrillRecord.FAILED,
              null,
              false));
    }

    Cli.Result r = volback("--json", "drills");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).doesNotContain("hunter2");
    JsonNode drill = JSON.readTree(r.out()).get(0);
    assertThat(drill.has("message_type")).isFalse();
    assertThat(drill.get("rto_seconds").asDouble()).isEqualTo(2.5);
    assertThat(drill.get("probe").get("exit_code").asInt()).isEqualTo(3);
    JsonGolden.assertMatches("drills.json", JsonGolden.document(r.out(), Set.of("id", "short_id")));
  }

  private static JsonNode lastLine(String out) throws Exception {
    String[] lines = out.strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }
}

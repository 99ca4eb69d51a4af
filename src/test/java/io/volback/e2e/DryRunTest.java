package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * backup --dry-run and restore --dry-run through the command line on Docker engine A: they say what
 * would happen, store nothing in the repository (its files stay byte-identical), create no helper
 * container and no volume.
 */
@Timeout(300)
class DryRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  private Path repoDir;
  private Cli onA;

  @BeforeEach
  void repository() throws Exception {
    repoDir = tmp.resolve("repo");
    onA = new Cli(repoDir.toString(), Cli.passwordFile(tmp, "pw")).with("-H", a.address());
    assertThat(onA.run("init").exitCode()).isZero();
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  @Test
  void backupDryRunListsNewChangedAndRemovedFilesFromTheParentAndStoresNothing() throws Exception {
    String volume = TestDocker.createVolume(a, "dry");
    Path dir = mountpoint(volume);
    Files.writeString(dir.resolve("keep.txt"), "same");
    Files.writeString(dir.resolve("edit.txt"), "old");
    Files.writeString(dir.resolve("gone.txt"), "bye");
    ok(onA.run("backup", volume));
    String parent = onlySnapshotShortId();
    Files.writeString(dir.resolve("edit.txt"), "much longer");
    Files.delete(dir.resolve("gone.txt"));
    Files.writeString(dir.resolve("new.txt"), "fresh");
    Map<String, String> before = repositoryFiles();

    Cli.Result text = ok(onA.run("-v", "backup", "--dry-run", volume));
    Cli.Result json = ok(onA.run("--json", "-v", "backup", "--dry-run", volume));

    assertThat(text.out())
        .contains("volume " + volume + ": parent " + parent + ", read via mountpoint")
        .contains("1 new (5 B), 1 changed (11 B), 1 unmodified, 1 removed")
        .contains("would read 16 B")
        .contains("  modified /edit.txt\n", "  removed /gone.txt\n", "  new /new.txt\n");
    assertThat(text.err()).isEmpty();
    List<JsonNode> lines = jsonLines(json.out());
    assertThat(lines)
        .extracting(l -> l.get("message_type").asText())
        .containsExactly("verbose_status", "verbose_status", "verbose_status", "dry_run");
    assertThat(lines.get(0).get("action").asText()).isEqualTo("modified");
    assertThat(lines.get(0).get("item").asText()).isEqualTo("/edit.txt");
    JsonNode record = lines.get(3);
    assertThat(record.get("dry_run").asBoolean()).isTrue();
    assertThat(record.get("volume").asText()).isEqualTo(volume);
    assertThat(record.get("parent").asText()).isEqualTo(parent);
    assertThat(record.get("read_path").asText()).isEqualTo("mountpoint");
    assertThat(record.get("files_new").asLong()).isEqualTo(1);
    assertThat(record.get("files_changed").asLong()).isEqualTo(1);
    assertThat(record.get("files_unmodified").asLong()).isEqualTo(1);
    assertThat(record.get("files_removed").asLong()).isEqualTo(1);
    assertThat(record.get("data_to_read").asLong()).isEqualTo(16);
    assertThat(repositoryFiles()).isEqualTo(before);
    assertThat(TestDocker.helpersOf(a, volume)).isEmpty();
  }

  @Test
  void backupDryRunThroughTheApiSaysChangesAreUnknownWithoutStreamingTheVolume() throws Exception {
    String volume = TestDocker.createVolume(a, "dryapi");
    Files.writeString(mountpoint(volume).resolve("f"), "x");
    Map<String, String> before = repositoryFiles();

    Cli.Result r = ok(onA.run("backup", "--dry-run", "--read-path", "api", volume));

    assertThat(r.out())
        .contains("volume " + volume + ": parent none, read via api")
        .contains("changes unknown: read through the Docker API");
    assertThat(repositoryFiles()).isEqualTo(before);
    assertThat(TestDocker.helpersOf(a, volume)).isEmpty();
  }

  @Test
  void backupDryRunOfADirectoryCountsItsFiles() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("www"));
    Files.writeString(dir.resolve("index.html"), "<html>");
    Map<String, String> before = repositoryFiles();

    Cli.Result r = ok(onA.run("--json", "backup", "--dry-run", "--path", dir.toString()));

    JsonNode record = jsonLines(r.out()).get(0);
    assertThat(record.get("message_type").asText()).isEqualTo("dry_run");
    assertThat(record.get("volume").asText()).isEqualTo(dir.toString());
    assertThat(record.get("files_new").asLong()).isEqualTo(1);
    assertThat(record.get("data_to_read").asLong()).isEqualTo(6);
    assertThat(repositoryFiles()).isEqualTo(before);
  }

  @Test
  void restoreDryRunOfANewVolumeSaysItWouldBeCreatedAndCreatesNothing() throws Exception {
    String volume = TestDocker.createVolume(a, "drysrc");
    Files.writeString(mountpoint(volume).resolve("f"), "content");
    ok(onA.run("backup", volume));
    String target = TestDocker.uniqueName("drycopy");
    Map<String, String> before = repositoryFiles();

    Cli.Result r =
        ok(
            onA.run(
                "--json",
                "restore",
                "latest",
                "--volume",
                volume,
                "--to",
                target,
                "--dry-run",
                "--driver-opt",
                "password=s3cret"));

    JsonNode plan = jsonLines(r.out()).get(0);
    assertThat(plan.get("message_type").asText()).isEqualTo("dry_run");
    assertThat(plan.get("volume").asText()).isEqualTo(target);
    assertThat(plan.get("docker_host").asText()).isEqualTo(a.address());
    assertThat(plan.get("create").asBoolean()).isTrue();
    assertThat(plan.get("driver").asText()).isEqualTo("local");
    assertThat(plan.get("driver_options").get("password").asText()).isEqualTo("***");
    assertThat(plan.get("files_restored").asLong()).isEqualTo(1);
    assertThat(plan.get("bytes_restored").asLong()).isEqualTo(7);
    assertThat(plan.get("refused").asBoolean()).isFalse();
    assertThat(r.out() + r.err()).doesNotContain("s3cret");
    assertThat(volumeExists(target)).isFalse();
    assertThat(TestDocker.helpersOf(a, target)).isEmpty();
    assertThat(repositoryFiles()).isEqualTo(before);
  }

  @Test
  void restoreDryRunRefusesANonEmptyVolumeInUseAsTheRestoreWould() throws Exception {
    String volume = TestDocker.createVolume(a, "dryused");
    Files.writeString(mountpoint(volume).resolve("f"), "content");
    ok(onA.run("backup", volume));
    TestDocker.createContainer(a, volume, "/data", false, Map.of());

    Cli.Result dry = onA.run("restore", "latest", "--volume", volume, "--dry-run");
    Cli.Result real = onA.run("restore", "latest", "--volume", volume);

    assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(1).isEqualTo(real.exitCode());
    assertThat(dry.err()).isEqualTo(real.err()).contains("is used by");
    assertThat(dry.out())
        .contains("dry run: restore snapshot")
        .contains("into volume " + volume + " on " + a.address())
        .contains("volume: exists, driver local")
        .contains("the restore would be refused: volume " + volume);
    assertThat(TestDocker.helpersOf(a, volume)).isEmpty();
  }

  private Path mountpoint(String volume) throws Exception {
    return Path.of(VolumeDiscovery.get(a, volume).mountpoint());
  }

  private boolean volumeExists(String name) {
    var volumes = a.client().listVolumesCmd().withFilter("name", List.of(name)).exec();
    return volumes.getVolumes() != null
        && volumes.getVolumes().stream().anyMatch(v -> v.getName().equals(name));
  }

  private String onlySnapshotShortId() throws IOException {
    JsonNode list = JSON.readTree(ok(onA.run("--json", "snapshots")).out());
    assertThat(list).hasSize(1);
    JsonNode snapshot = list.get(0);
    return (snapshot.has("short_id") ? snapshot.get("short_id") : snapshot.get("shortId")).asText();
  }

  /** Every file of the repository folder by relative path, with its SHA-256. */
  private Map<String, String> repositoryFiles() throws IOException, NoSuchAlgorithmException {
    Map<String, String> files = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> paths = Files.walk(repoDir)) {
      for (Path p : paths.sorted().toList()) {
        String key = repoDir.relativize(p).toString();
        files.put(
            key,
            Files.isDirectory(p)
                ? "dir"
                : HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
      }
    }
    return files;
  }

  private static List<JsonNode> jsonLines(String out) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}

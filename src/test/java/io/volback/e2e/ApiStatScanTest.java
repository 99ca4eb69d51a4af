package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.VolbackProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API path's stat scan (VOLBACK_API_READ=stat forces it, whatever the volume's shape) through
 * the real entry point on engine A: it reads only what changed, and its snapshot equals a full
 * read's (volback diff between them shows nothing, content included). Only the stat-scan backups
 * run as a child JVM (for the variable); the rest runs in process, where these small volumes are
 * read in full by ApiReadMode's rule.
 */
@Timeout(300)
class ApiStatScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FileTime PAST = FileTime.from(Instant.parse("2024-05-06T07:08:09.5Z"));

  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  private String repo;
  private Path password;
  private Cli cli;

  @BeforeEach
  void repository() throws Exception {
    repo = tmp.resolve("repo").toString();
    password = Cli.passwordFile(tmp, "pw");
    cli = new Cli(repo, password).with("-H", a.address());
    assertThat(cli.run("init").exitCode()).isZero();
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  @Test
  void unchangedVolumeIsBackedUpWithoutReadingAnyFile() throws Exception {
    String volume = TestDocker.createVolume(a, "statsame");
    Path dir = mountpoint(volume);
    write(dir, "a/one.bin", 70_000);
    write(dir, "a/b/two.bin", 3);
    Files.createSymbolicLink(dir.resolve("a/link"), Path.of("one.bin"));
    agePast(dir);
    String first = summary(cli.run("--json", "backup", "--read-path", "api", volume));

    Cli.Result second = volback("stat", "--json", "backup", "--read-path", "api", volume);
    JsonNode s = JSON.readTree(lastLine(second.out()));
    assertThat(s.get("files_unmodified").asLong()).isEqualTo(2);
    assertThat(s.get("bytes_read").asLong()).isZero();
    assertThat(s.get("blobs_added").asLong()).isZero();
    assertThat(diff(first, s.get("snapshot_id").asText())).isEmpty();
  }

  @Test
  void changedAddedRemovedRenamedAndReplacedEntriesEqualAFullRead() throws Exception {
    String volume = TestDocker.createVolume(a, "statchg");
    Path dir = mountpoint(volume);
    write(dir, "keep/same.bin", 5000);
    write(dir, "keep/deep/also.bin", 20);
    write(dir, "edit/in-place.txt", 100);
    write(dir, "edit/untouched.txt", 10);
    write(dir, "mode/script.sh", 10);
    write(dir, "add/old.txt", 10);
    write(dir, "remove/gone.txt", 10);
    write(dir, "remove/stays.txt", 10);
    write(dir, "rename/before.txt", 10);
    write(dir, "outer/replaced/inner.txt", 10);
    write(dir, "outer/sibling.txt", 10);
    agePast(dir);
    summary(cli.run("--json", "backup", "--read-path", "api", volume));

    // Same size, new content: only the file's mtime tells (its directory's stays).
    Files.writeString(dir.resolve("edit/in-place.txt"), "x".repeat(100));
    Files.setPosixFilePermissions(
        dir.resolve("mode/script.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    write(dir, "add/new.txt", 7);
    Files.delete(dir.resolve("remove/gone.txt"));
    Files.move(dir.resolve("rename/before.txt"), dir.resolve("rename/after.txt"));
    Files.delete(dir.resolve("outer/replaced/inner.txt"));
    Files.delete(dir.resolve("outer/replaced"));
    write(dir, "outer/replaced", 4); // a directory replaced by a file

    Cli.Result stat = volback("stat", "--json", "backup", "--read-path", "api", volume);
    JsonNode s = JSON.readTree(lastLine(stat.out()));
    assertThat(stat.err()).isEmpty();
    Cli.Result full = cli.run("--json", "backup", "--read-path", "api", volume);
    String fullId = summary(full);

    assertThat(diff(s.get("snapshot_id").asText(), fullId)).isEmpty();
    // keep/* and edit/untouched.txt come from the parent; every file under a changed directory
    // (add, remove, rename, outer) and the two changed files are read.
    assertThat(s.get("files_unmodified").asLong()).isEqualTo(3);
    assertThat(s.get("total_files_processed").asLong()).isEqualTo(11);
    assertThat(ls(fullId))
        .contains("/add/new.txt", "/rename/after.txt", "/outer/replaced")
        .doesNotContain("/remove/gone.txt", "/rename/before.txt", "/outer/replaced/inner.txt");
  }

  @Test
  void forceReadsEveryFileAgain() throws Exception {
    String volume = TestDocker.createVolume(a, "statforce");
    Path dir = mountpoint(volume);
    write(dir, "f.bin", 1000);
    agePast(dir);
    summary(cli.run("--json", "backup", "--read-path", "api", volume));
    Cli.Result forced =
        volback("stat", "--json", "backup", "--force", "--read-path", "api", volume);
    assertThat(JSON.readTree(lastLine(forced.out())).get("bytes_read").asLong()).isEqualTo(1000);
  }

  /** A child JVM, the only way to give volback the environment variable. */
  private Cli.Result volback(String mode, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("-r", repo, "--password-file", password.toString()));
    all.addAll(List.of("-H", a.address()));
    all.addAll(List.of(args));
    return VolbackProcess.run(
        Map.of("VOLBACK_API_READ", mode, "XDG_CACHE_HOME", tmp.resolve("cache").toString()),
        all.toArray(String[]::new));
  }

  private String summary(Cli.Result r) throws IOException {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return JSON.readTree(lastLine(r.out())).get("snapshot_id").asText();
  }

  private List<String> diff(String x, String y) throws Exception {
    Cli.Result r = cli.run("--json", "diff", x, y);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> changes = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()
          && !JSON.readTree(line).path("message_type").asText().equals("statistics")) {
        changes.add(line);
      }
    }
    return changes;
  }

  private List<String> ls(String id) throws Exception {
    Cli.Result r = cli.run("--json", "ls", id);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> paths = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      JsonNode n = JSON.readTree(line);
      if (n.has("path")) {
        paths.add(n.get("path").asText());
      }
    }
    return paths;
  }

  private static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static void write(Path dir, String name, int size) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (name.hashCode() * 31 + i * 7);
    }
    Files.write(file, bytes);
  }

  /** Dates every entry well before the first backup, so no entry is in its racy second. */
  private static void agePast(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
        if (!Files.isSymbolicLink(p)) {
          Files.setLastModifiedTime(p, PAST);
        }
      }
    }
  }

  private Path mountpoint(String volume) throws Exception {
    return Path.of(VolumeDiscovery.get(a, volume).mountpoint());
  }
}

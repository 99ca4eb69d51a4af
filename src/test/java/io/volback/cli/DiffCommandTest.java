package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** diff of two snapshots with a known set of changes gives exactly those changes. */
@Timeout(300)
class DiffCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FileTime DIR_TIME = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

  @TempDir Path tmp;
  Cli cli;
  String first;
  String second;

  @BeforeEach
  void twoSnapshotsWithKnownChanges() throws Exception {
    cli = new Cli(tmp.resolve("repo").toString(), Cli.passwordFile(tmp, "pw"));
    ok(cli.run("init"));
    Path d = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(d.resolve("keep.txt"), "unchanged");
    Files.writeString(d.resolve("gone.txt"), "removed!");
    Files.writeString(d.resolve("mod.txt"), "old content");
    Files.writeString(d.resolve("chmod.txt"), "mode only");
    Files.createSymbolicLink(d.resolve("link"), Path.of("target-a"));
    Files.writeString(d.resolve("thing"), "f");
    Files.createDirectories(d.resolve("dir"));
    Files.writeString(d.resolve("dir/a.txt"), "in a dir");
    first = backup(d);

    Files.delete(d.resolve("gone.txt"));
    Files.writeString(d.resolve("new.txt"), "brand new");
    Files.writeString(d.resolve("mod.txt"), "new content!!");
    Files.setPosixFilePermissions(
        d.resolve("chmod.txt"), PosixFilePermissions.fromString("rw-------"));
    Files.delete(d.resolve("link"));
    Files.createSymbolicLink(d.resolve("link"), Path.of("target-b"));
    Files.delete(d.resolve("thing"));
    Files.createDirectories(d.resolve("thing"));
    Files.writeString(d.resolve("thing/inner.txt"), "inner file");
    second = backup(d);
  }

  /** Backs dir up with its directories' times fixed, so only the intended changes show. */
  private String backup(Path dir) throws Exception {
    for (String sub : new String[] {"dir", "thing", ""}) {
      Path p = dir.resolve(sub);
      if (Files.isDirectory(p)) {
        Files.setLastModifiedTime(p, DIR_TIME);
      }
    }
    ok(cli.run("backup", "--path", dir.toString(), "--name", "data"));
    JsonNode list = JSON.readTree(ok(cli.run("--json", "snapshots")).out());
    return list.get(list.size() - 1).get("id").asText();
  }

  @Test
  void diffLatestHonoursTheSnapshotFiltersInARepositoryOfSeveralVolumes() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(other.resolve("unrelated.txt"), "another volume");
    ok(cli.run("backup", "--path", other.toString(), "--name", "other"));

    Cli.Result r = ok(cli.run("diff", first, "latest", "--volume", "data"));

    assertThat(r.out())
        .contains("comparing snapshot " + first.substring(0, 8) + " to " + second.substring(0, 8));
    assertThat(changeLines(r.out()))
        .contains("+    /new.txt", "-    /gone.txt")
        .noneMatch(l -> l.contains("unrelated"));
    Cli.Result noMatch = cli.run("diff", first, "latest", "--volume", "nosuchvolume");
    assertThat(noMatch.exitCode()).as(noMatch.toString()).isEqualTo(2);
    assertThat(noMatch.err()).startsWith("volback: error: ");
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private static List<String> changeLines(String out) {
    return out.lines().filter(l -> l.matches("[-+MUT] {4}/.*")).toList();
  }

  @Test
  void diffShowsAddedRemovedModifiedAndTypeChangesInPathOrder() {
    Cli.Result r = ok(cli.run("diff", first, second));
    assertThat(changeLines(r.out()))
        .containsExactly(
            "-    /gone.txt",
            "M    /mod.txt",
            "+    /new.txt",
            "T    /thing/",
            "+    /thing/inner.txt");
    assertThat(r.out())
        .contains("comparing snapshot " + first.substring(0, 8) + " to " + second.substring(0, 8))
        .contains("Files:      2 new,     1 removed,     1 changed");
  }

  @Test
  void metadataOptionAddsTheModeAndLinkTargetChanges() {
    Cli.Result r = ok(cli.run("diff", "--metadata", first, second));
    assertThat(changeLines(r.out()))
        .containsExactly(
            "U    /chmod.txt",
            "-    /gone.txt",
            "U    /link",
            "M    /mod.txt",
            "+    /new.txt",
            "T    /thing/",
            "+    /thing/inner.txt");
  }

  @Test
  void jsonGivesOneChangeLineEachThenStatistics() throws Exception {
    Cli.Result r = ok(cli.run("--json", "diff", "--metadata", first, second));
    List<JsonNode> lines = new ArrayList<>();
    for (String l : r.out().lines().toList()) {
      lines.add(JSON.readTree(l));
    }
    List<String> changes =
        lines.stream()
            .filter(n -> n.get("message_type").asText().equals("change"))
            .map(n -> n.get("modifier").asText() + " " + n.get("path").asText())
            .toList();
    assertThat(changes)
        .containsExactly(
            "U /chmod.txt",
            "- /gone.txt",
            "U /link",
            "M /mod.txt",
            "+ /new.txt",
            "T /thing",
            "+ /thing/inner.txt");
    JsonNode stats = lines.get(lines.size() - 1);
    assertThat(stats.get("message_type").asText()).isEqualTo("statistics");
    assertThat(stats.get("source_snapshot").asText()).isEqualTo(first);
    assertThat(stats.get("target_snapshot").asText()).isEqualTo(second);
    assertThat(stats.get("changed_files").asLong()).isEqualTo(1);
    assertThat(stats.get("added").get("files").asLong()).isEqualTo(2);
    assertThat(stats.get("removed").get("files").asLong()).isEqualTo(1);
    assertThat(stats.get("added").get("bytes").asLong())
        .isEqualTo("brand new".length() + "new content!!".length() + "inner file".length());
    assertThat(stats.get("removed").get("bytes").asLong())
        .isEqualTo("removed!".length() + "old content".length() + "f".length());
  }

  @Test
  void identicalSnapshotsShowNoChange() {
    Cli.Result r = ok(cli.run("diff", "--metadata", second, second));
    assertThat(changeLines(r.out())).isEmpty();
    assertThat(r.out()).contains("Files:      0 new,     0 removed,     0 changed");
  }

  @Test
  void anUnknownSnapshotIsNamedInAOneLineError() {
    Cli.Result r = cli.run("diff", first, "deadbeef");
    assertThat(r.exitCode()).as(r.toString()).isNotZero();
    assertThat(r.err()).contains("deadbeef").doesNotContain("\tat ");
  }
}

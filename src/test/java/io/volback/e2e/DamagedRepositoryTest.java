package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.repo.Id;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestTrees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One damaged object (snapshot, key, lock) in a real folder repository, through the CLI: it is
 * named, skipped where the command can go on, and fatal only to the command that needs it.
 */
@Timeout(180)
class DamagedRepositoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "correct horse";

  @TempDir Path tmp;
  Path repoDir;
  Path source;
  Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    repoDir = tmp.resolve("repo");
    cli = new Cli(repoDir.toString(), Cli.passwordFile(tmp, SECRET));
    ok(cli.run("init"));
    source = Files.createDirectory(tmp.resolve("source"));
    TestTrees.populate(source, 3);
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private static void assertOneLineError(Cli.Result r, int code, String... texts) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(code);
    assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain(SECRET);
    for (String text : texts) {
      assertThat(r.err()).as(r.toString()).contains(text);
    }
  }

  private String backup(String name) throws Exception {
    Cli.Result r = ok(cli.run("--json", "backup", "--path", source.toString(), "--name", name));
    return io.volback.testsupport.JsonLines.summary(r.out()).get("snapshot_id").asText();
  }

  private Path snapshotFile(String id) {
    return repoDir.resolve("snapshots").resolve(id);
  }

  private List<Path> files(String folder) throws Exception {
    try (Stream<Path> s = Files.list(repoDir.resolve(folder))) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void snapshotCopiedOverANewerSnapshotsNameIsRejectedByItsName() throws Exception {
    String older = backup("appdata");
    Files.writeString(source.resolve("added-later.txt"), "new content");
    String newer = backup("appdata");
    Files.copy(snapshotFile(older), snapshotFile(newer), StandardCopyOption.REPLACE_EXISTING);

    Cli.Result export = cli.run("export", newer, "-o", tmp.resolve("out.tar").toString());
    assertOneLineError(export, 1, "snapshots/" + newer);
    assertThat(tmp.resolve("out.tar")).doesNotExist();

    Cli.Result list = cli.run("snapshots");
    assertOneLineError(list, 3, "snapshots/" + newer);
    assertThat(list.out()).contains(older.substring(0, 8)).doesNotContain(newer.substring(0, 8));
  }

  @Test
  void corruptSnapshotIsSkippedByListingAndNamedByTheCommandThatNeedsIt() throws Exception {
    String good = backup("appdata");
    String bad = backup("other");
    Files.write(snapshotFile(bad), "not a snapshot".getBytes(StandardCharsets.UTF_8));

    Cli.Result list = cli.run("snapshots");
    assertOneLineError(list, 3, "snapshots/" + bad);
    assertThat(list.out()).contains(good.substring(0, 8)).contains("1 snapshot");

    Cli.Result json = cli.run("--json", "snapshots");
    assertThat(json.exitCode()).as(json.toString()).isEqualTo(3);
    assertThat(JSON.readTree(json.out())).hasSize(1);

    assertOneLineError(cli.run("ls", bad.substring(0, 8)), 1, "snapshots/" + bad);
    ok(cli.run("ls", good.substring(0, 8)));
  }

  @Test
  void corruptSnapshotDoesNotStopLaterBackups() throws Exception {
    backup("appdata");
    String bad = backup("other");
    Files.write(snapshotFile(bad), new byte[100]);

    backup("appdata");
    backup("other");
    backup("third");
  }

  @Test
  void corruptSnapshotDoesNotStopBackupsOfDockerVolumes() throws Exception {
    DockerHost a = DockerEngines.a();
    try {
      String v1 = TestDocker.createVolume(a, "damaged");
      String v2 = TestDocker.createVolume(a, "damaged");
      TestTrees.populate(Path.of(VolumeDiscovery.get(a, v1).mountpoint()), 4);
      TestTrees.populate(Path.of(VolumeDiscovery.get(a, v2).mountpoint()), 5);
      Cli onA = cli.with("-H", a.address());
      ok(onA.run("backup", v1));
      try (Stream<Path> s = Files.list(repoDir.resolve("snapshots"))) {
        Files.write(s.findFirst().orElseThrow(), new byte[64]);
      }

      Cli.Result both = ok(onA.run("backup", v1, v2));
      assertThat(both.out())
          .contains("volume " + v1 + ": snapshot")
          .contains("volume " + v2 + ": snapshot");
    } finally {
      TestDocker.removeAll(a);
    }
  }

  @Test
  void garbageKeyFileDoesNotBlockOpeningWithAValidKey() throws Exception {
    backup("appdata");
    // Several, so that some are listed before the real key whatever order the store lists in.
    for (char c : "0123456789abcdef".toCharArray()) {
      Files.writeString(repoDir.resolve("keys").resolve(String.valueOf(c).repeat(64)), "garbage");
    }
    Files.writeString(repoDir.resolve("keys").resolve("f".repeat(64)), "{\"kdf\":\"scrypt\"}");
    Files.writeString(repoDir.resolve("keys").resolve("not-a-key"), "{}");

    Cli.Result list = ok(cli.run("snapshots"));
    assertThat(list.out()).contains("1 snapshot");
  }

  @Test
  void onlyGarbageKeyFilesGiveAnErrorNamingThem() throws Exception {
    for (Path key : files("keys")) {
      Files.writeString(key, "garbage");
    }
    Cli.Result r = cli.run("snapshots");
    assertOneLineError(r, 1, "keys/");
  }

  @Test
  void keyFileWithHugeScryptCostIsRejectedNamingIt() throws Exception {
    Path key = files("keys").get(0);
    ObjectNode json = (ObjectNode) JSON.readTree(key.toFile());
    json.put("n", 1 << 30);
    byte[] hostile = JSON.writeValueAsBytes(json);
    String hostileName = Id.sha256(hostile).hex();
    Files.write(repoDir.resolve("keys").resolve(hostileName), hostile);

    ok(cli.run("snapshots"));

    Files.delete(key);
    Cli.Result r = cli.run("snapshots");
    assertOneLineError(r, 1, "keys/" + hostileName, "N=1073741824");
    assertThat(r.err()).doesNotContain("arraycopy");
  }

  @Test
  void garbageLockFileDoesNotBlockBackups() throws Exception {
    Files.createDirectories(repoDir.resolve("locks"));
    Path garbage = repoDir.resolve("locks").resolve("a".repeat(64));
    Files.write(garbage, "12345678".getBytes(StandardCharsets.UTF_8));

    backup("appdata");
    ok(cli.run("export", "latest", "-o", tmp.resolve("out.tar").toString()));
  }
}

package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.JsonLines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestTrees;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * restore --overwrite --delete (restic 0.17): the target ends exactly as the snapshot, extra files,
 * directories and symlinks removed (a symlink as a link, never followed), only below the --include
 * paths when given. Real Docker engine A (mountpoint path) and a local folder, local repository.
 */
@Timeout(300)
class RestoreDeleteTest {
  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  Cli onA;
  Path outside;
  String volume;
  Path mount;
  List<String> snapshotState;

  @BeforeEach
  void volumeWithASnapshotAndExtras() throws Exception {
    onA =
        new Cli(tmp.resolve("repo").toString(), Cli.passwordFile(tmp, "pw"))
            .with("-H", a.address());
    ok(onA.run("init"));
    volume = TestDocker.createVolume(a, "delete");
    mount = Path.of(VolumeDiscovery.get(a, volume).mountpoint());
    TestTrees.populate(mount.resolve("a"), 1);
    TestTrees.populate(mount.resolve("b"), 2);
    Files.writeString(mount.resolve("top.txt"), "top");
    snapshotState = TestTrees.describe(mount);
    ok(onA.run("backup", volume));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("precious.txt"), "must survive");
    addExtras(mount);
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  /** Extra files, a directory tree, symlinks out of the target, a directory where a file was. */
  private void addExtras(Path root) throws Exception {
    Files.writeString(root.resolve("extra.txt"), "extra");
    Files.createDirectories(root.resolve("a/extra-dir/deeper"));
    Files.writeString(root.resolve("a/extra-dir/deeper/file"), "x");
    Files.createSymbolicLink(root.resolve("a/escape"), outside);
    Files.createSymbolicLink(root.resolve("a/extra-dir/escape"), outside.resolve("precious.txt"));
    Files.writeString(root.resolve("b/extra.txt"), "b extra");
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Files.delete(root.resolve("top.txt"));
    Files.createDirectories(root.resolve("top.txt/inside"));
    Files.writeString(root.resolve("top.txt/inside/f"), "in the way");
  }

  @Test
  void restoreWithoutDeleteKeepsFilesThatAreOnlyInTheVolume() {
    ok(onA.run("restore", "latest", "--overwrite", "--include", "/a", "--include", "/b"));

    assertThat(mount.resolve("extra.txt")).hasContent("extra");
    assertThat(mount.resolve("a/extra-dir/deeper/file")).hasContent("x");
    assertThat(mount.resolve("b/extra.txt")).hasContent("b extra");
    assertThat(Files.isSymbolicLink(mount.resolve("a/escape"))).isTrue();
  }

  @Test
  void restoreDeleteMakesTheVolumeExactlyTheSnapshotAndNeverFollowsASymlink() throws Exception {
    ok(onA.run("restore", "latest", "--overwrite", "--delete", "--write-path", "mountpoint"));

    assertThat(TestTrees.describe(mount)).containsExactlyElementsOf(snapshotState);
    assertThat(outside.resolve("precious.txt")).hasContent("must survive");
    try (var children = Files.list(outside)) {
      assertThat(children).containsExactly(outside.resolve("precious.txt"));
    }
  }

  @Test
  void restoreDeleteWithIncludeRemovesExtrasOnlyBelowTheIncludedPath() throws Exception {
    ok(onA.run("restore", "latest", "--overwrite", "--delete", "--include", "/a"));

    assertThat(TestTrees.describe(mount.resolve("a")))
        .containsExactlyElementsOf(TestTrees.describe(restoredCopy("/a")));
    assertThat(mount.resolve("a/extra-dir")).doesNotExist();
    assertThat(Files.exists(mount.resolve("a/escape"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(mount.resolve("extra.txt")).hasContent("extra");
    assertThat(mount.resolve("b/extra.txt")).hasContent("b extra");
    assertThat(Files.isSymbolicLink(mount.resolve("escape"))).isTrue();
    assertThat(mount.resolve("top.txt/inside/f")).hasContent("in the way");
    assertThat(outside.resolve("precious.txt")).hasContent("must survive");
  }

  @Test
  void restoreTargetDeleteMakesTheFolderExactlyTheSnapshot() throws Exception {
    Path target = tmp.resolve("folder");
    ok(onA.run("restore", "latest", "--target", target.toString()));
    addExtras(target);

    ok(onA.run("restore", "latest", "--target", target.toString(), "--overwrite", "--delete"));

    assertThat(TestTrees.describe(target)).containsExactlyElementsOf(snapshotState);
    assertThat(outside.resolve("precious.txt")).hasContent("must survive");
  }

  // addExtras leaves 11 entries the snapshot lacks: extra.txt, a/escape, b/extra.txt, escape,
  // a/extra-dir with deeper, deeper/file and escape (4), the directory top.txt with inside and f
  // (3).
  @Test
  void restoreDeleteIntoAVolumeSaysHowManyExtraEntriesItRemoved() {
    Cli.Result r =
        ok(onA.run("restore", "latest", "--overwrite", "--delete", "--write-path", "mountpoint"));

    assertThat(r.out()).contains("; removed 11 extra entries");
  }

  @Test
  void restoreTargetDeleteCountsTheRemovedEntriesInTheTextAndTheJsonSummary() throws Exception {
    Path target = tmp.resolve("folder");
    ok(onA.run("restore", "latest", "--target", target.toString()));
    addExtras(target);
    Path again = tmp.resolve("again");
    ok(onA.run("restore", "latest", "--target", again.toString()));
    addExtras(again);

    Cli.Result text =
        ok(onA.run("restore", "latest", "--target", target.toString(), "--overwrite", "--delete"));
    Cli.Result json =
        ok(
            onA.run(
                "--json",
                "restore",
                "latest",
                "--target",
                again.toString(),
                "--overwrite",
                "--delete"));

    assertThat(text.out()).contains("; removed 11 extra entries");
    JsonNode summary = JsonLines.summary(json.out());
    assertThat(summary.get("files_deleted").asLong()).isEqualTo(11);
    Cli.Result plain =
        ok(onA.run("--json", "restore", "latest", "--target", again.toString() + "-fresh"));
    assertThat(JsonLines.summary(plain.out()).has("files_deleted")).isFalse();
  }

  @Test
  void deleteWithoutOverwriteIsAUsageErrorAndChangesNothing() {
    Cli.Result r = onA.run("restore", "latest", "--delete");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "volback: error: --delete removes what the target holds beyond the snapshot:"
                + " it needs --overwrite");
    assertThat(mount.resolve("extra.txt")).hasContent("extra");
  }

  @Test
  void deleteThroughTheDockerApiIsAUsageErrorNamingWhy() {
    Cli.Result r = onA.run("restore", "latest", "--overwrite", "--delete", "--write-path", "api");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--delete needs --write-path mountpoint").contains("tar stream");
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(mount.resolve("extra.txt")).hasContent("extra");
  }

  @Test
  void dryRunWithDeleteSaysTheExtrasWouldGoAndChangesNothing() {
    Cli.Result r = ok(onA.run("restore", "latest", "--overwrite", "--delete", "--dry-run"));

    assertThat(r.out())
        .contains("--delete: what the volume holds beyond the snapshot would be removed");
    assertThat(mount.resolve("extra.txt")).hasContent("extra");
  }

  /** The snapshot's path restored into a fresh folder, to compare against. */
  private Path restoredCopy(String include) {
    Path copy = tmp.resolve("copy");
    ok(onA.run("restore", "latest", "--target", copy.toString(), "--include", include));
    return copy.resolve(include.substring(1));
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}

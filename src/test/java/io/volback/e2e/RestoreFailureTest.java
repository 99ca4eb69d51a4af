package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.docker.Volumes;
import io.volback.repo.Repository;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.store.LocalFolderStore;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.Processes;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestTrees;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore that fails leaves no half-written volume it created behind, refuses what would write
 * into another volume's directory, and finds a bad --include before it creates anything. Real
 * Docker engine A, local folder repository.
 */
@Timeout(180)
class RestoreFailureTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A bind volume is read and written through the Docker API. */
  private static final TestTrees.Option[] API_PATH = {
    TestTrees.Option.IGNORE_ROOT,
    TestTrees.Option.WHOLE_SECOND_MTIMES,
    TestTrees.Option.IGNORE_XATTRS
  };

  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  Path repoDir;
  Cli onA;

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

  private Path mountpoint(String volume) throws Exception {
    return Path.of(VolumeDiscovery.get(a, volume).mountpoint());
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private String backup(String volume) throws Exception {
    JsonNode result =
        io.volback.testsupport.JsonLines.summary(ok(onA.run("--json", "backup", volume)).out());
    return result.get("snapshot_id").asText();
  }

  /** A volume with a small file and a 20 MiB one, whose data spans several packs. */
  private String volumeOfSeveralPacks() throws Exception {
    String volume = TestDocker.createVolume(a, "packs");
    Path dir = mountpoint(volume);
    Files.writeString(dir.resolve("a-small.txt"), "small");
    byte[] big = new byte[20 << 20];
    new Random(7).nextBytes(big);
    Files.write(dir.resolve("b-big.bin"), big);
    return volume;
  }

  /** Deletes the largest pack: a DATA pack of the big file, so the tree still loads. */
  private void deleteLargestPack() throws Exception {
    try (Stream<Path> files = Files.walk(repoDir.resolve("data"))) {
      Path largest =
          files
              .filter(Files::isRegularFile)
              .max(Comparator.comparingLong(p -> p.toFile().length()))
              .orElseThrow();
      Files.delete(largest);
    }
  }

  @Test
  void aRestoreThatFailsHalfWayRemovesTheVolumeItCreated() throws Exception {
    String volume = volumeOfSeveralPacks();
    String id = backup(volume);
    deleteLargestPack();

    String target = TestDocker.uniqueName("half");
    Cli.Result failed = onA.run("restore", id, "--to", target);

    assertThat(Volumes.exists(a, target)).as(failed.toString()).isFalse();
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.err()).contains("volume " + target).contains("was removed");
    assertThat(failed.err().strip().lines()).hasSize(1);
  }

  @Test
  void keepPartialKeepsTheHalfWrittenVolume() throws Exception {
    String volume = volumeOfSeveralPacks();
    String id = backup(volume);
    deleteLargestPack();

    String target = TestDocker.uniqueName("partial");
    Cli.Result failed = onA.run("restore", id, "--to", target, "--keep-partial");

    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(Volumes.exists(a, target)).as(failed.toString()).isTrue();
    assertThat(failed.err())
        .contains("volume " + target)
        .contains("kept")
        .contains("--keep-partial");
    // Files are written concurrently: the small one was placed, whether or not it got its bytes.
    assertThat(mountpoint(target).resolve("a-small.txt")).exists();
  }

  @Test
  void anExistingTargetIsLeftAsItIsAndTheErrorSaysSo() throws Exception {
    String volume = volumeOfSeveralPacks();
    String id = backup(volume);
    deleteLargestPack();
    String target = TestDocker.createVolume(a, "existing");

    Cli.Result failed = onA.run("restore", id, "--to", target);

    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(Volumes.exists(a, target)).isTrue();
    assertThat(failed.err())
        .contains("volume " + target)
        .contains("existed before")
        .contains("partly restored");
  }

  @Test
  void aVolumeWhoseMountFailsIsRemovedAgain() throws Exception {
    String volume = TestDocker.createVolume(a, "src");
    Files.writeString(mountpoint(volume).resolve("f"), "x");
    String id = backup(volume);

    String target = TestDocker.uniqueName("badmount");
    Cli.Result failed =
        onA.run(
            "restore",
            id,
            "--to",
            target,
            "--driver-opt",
            "type=tmpfs",
            "--driver-opt",
            "device=tmpfs",
            "--driver-opt",
            "o=size=not-a-size");

    assertThat(Volumes.exists(a, target)).as(failed.toString()).isFalse();
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.err()).contains("volume " + target).contains("was removed");
  }

  @Test
  void aMissingBindDeviceIsRefusedBeforeAnythingIsCreated() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("bind-src"));
    Files.writeString(source.resolve("f"), "x");
    String volume =
        TestDocker.createVolume(
            a,
            "bindsrc",
            Map.of("type", "none", "o", "bind", "device", source.toString()),
            Map.of());
    String id = backup(volume);

    String target = TestDocker.uniqueName("missing");
    Path missing = tmp.resolve("missing");
    Cli.Result refused =
        onA.run("restore", id, "--to", target, "--driver-opt", "device=" + missing);

    assertThat(Volumes.exists(a, target)).as(refused.toString()).isFalse();
    assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
    assertThat(refused.err()).contains(missing.toString()).contains("does not exist");
  }

  @Test
  void anIncludeThatMatchesNothingIsAnErrorBeforeAnythingIsCreated() throws Exception {
    String volume = TestDocker.createVolume(a, "inc");
    Files.createDirectories(mountpoint(volume).resolve("html"));
    Files.writeString(mountpoint(volume).resolve("html/index.html"), "hi");
    String id = backup(volume);

    String target = TestDocker.uniqueName("nope");
    Cli.Result failed =
        onA.run("restore", id, "--to", target, "--include", "/nope", "--include", "/html");

    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(2);
    assertThat(failed.err())
        .contains("nothing to restore")
        .contains("/nope")
        .doesNotContain("/html");
    assertThat(Volumes.exists(a, target)).isFalse();
  }

  @Test
  void aBindVolumeIsNotRestoredIntoItsOwnDirectoryUnderAnotherName() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("srv-data"));
    TestTrees.populate(source, 3);
    String volume =
        TestDocker.createVolume(
            a, "bind", Map.of("type", "none", "o", "bind", "device", source.toString()), Map.of());
    String id = backup(volume);
    Files.writeString(source.resolve("written-after-backup.txt"), "new");

    String copy = TestDocker.uniqueName("copy");
    Cli.Result refused = onA.run("restore", id, "--to", copy);

    assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
    assertThat(refused.err()).contains(source.toString()).contains("--driver-opt device=");
    assertThat(Volumes.exists(a, copy)).isFalse();
    assertThat(source.resolve("written-after-backup.txt")).hasContent("new");

    String other = TestDocker.uniqueName("other");
    Cli.Result shared =
        onA.run("restore", id, "--to", other, "--driver-opt", "device=" + source.resolve("data"));
    assertThat(shared.exitCode()).as(shared.toString()).isNotZero();
    assertThat(shared.err()).contains("volume " + volume);
    assertThat(Volumes.exists(a, other)).isFalse();

    Path fresh = Files.createDirectory(tmp.resolve("fresh"));
    ok(onA.run("restore", id, "--to", copy, "--driver-opt", "device=" + fresh));
    assertThat(TestTrees.describe(fresh, API_PATH))
        .isEqualTo(
            TestTrees.describe(source, API_PATH).stream()
                .filter(l -> !l.contains("written-after-backup.txt"))
                .toList());
  }

  @Test
  void aNewBindVolumeOnADirectoryThatIsNotEmptyNeedsOverwrite() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("bind-src"));
    Files.writeString(source.resolve("f"), "from the snapshot");
    String volume =
        TestDocker.createVolume(
            a,
            "bindsrc",
            Map.of("type", "none", "o", "bind", "device", source.toString()),
            Map.of());
    String id = backup(volume);
    Path occupied = Files.createDirectory(tmp.resolve("occupied"));
    Files.writeString(occupied.resolve("f"), "precious");

    String target = TestDocker.uniqueName("occupied");
    Cli.Result refused =
        onA.run("restore", id, "--to", target, "--driver-opt", "device=" + occupied);

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err())
        .contains(occupied.toString())
        .contains("not empty")
        .contains("--overwrite")
        .contains("was removed");
    assertThat(Volumes.exists(a, target)).isFalse();
    assertThat(occupied.resolve("f")).hasContent("precious");
  }

  /**
   * The restore is held deterministically between creating the volume and writing it: this test
   * holds an exclusive repository lock, which the restore waits for after the volume exists.
   */
  @Test
  void anInterruptedRestoreRemovesTheVolumeItCreated() throws Exception {
    String volume = TestDocker.createVolume(a, "src");
    Files.writeString(mountpoint(volume).resolve("f"), "x");
    String id = backup(volume);
    String target = TestDocker.uniqueName("interrupted");
    Repository repo = Repository.open(new LocalFolderStore(repoDir), "pw".toCharArray());
    Path log = tmp.resolve("restore.log");
    Process restore;
    try (RepositoryLock exclusive = repo.lock(LockMode.EXCLUSIVE, Duration.ofSeconds(10))) {
      restore =
          VolbackProcess.builder(
                  Map.of(),
                  "-r",
                  repoDir.toString(),
                  "--password-file",
                  Cli.passwordFile(tmp, "pw").toString(),
                  "-H",
                  a.address(),
                  "restore",
                  id,
                  "--to",
                  target)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Volumes.exists(a, target) && restore.isAlive() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(Volumes.exists(a, target)).as("the restore created its volume").isTrue();
      restore.destroy();
      Processes.awaitOrKill(restore, Duration.ofSeconds(60), "the stopped restore");
    }
    String output = Files.readString(log);
    assertThat(Volumes.exists(a, target)).as(output).isFalse();
    assertThat(output).contains("volume " + target).contains("was removed");
  }
}

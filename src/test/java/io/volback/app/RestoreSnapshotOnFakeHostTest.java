package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.docker.VolumeConsumer;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.testsupport.FakeVolumeHost;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.TestRepoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** RestoreSnapshot against a FakeVolumeHost and a repository in memory: no Docker, no S3. */
@Timeout(60)
class RestoreSnapshotOnFakeHostTest {
  private static final char[] PASSWORD = "pw".toCharArray();

  @TempDir Path dir;
  private Repository repo;
  private FakeVolumeHost host;

  @BeforeEach
  void setUp() throws IOException {
    repo = Repository.init(new MemoryStore(), PASSWORD, KdfParams.CHEAP, TestRepoConfig.defaults());
    host = new FakeVolumeHost("unix:///run/a.sock", dir.resolve("host"));
    host.add("src", Map.of("etc/app.conf", "port=80", "data.bin", "payload"));
    List<BackupVolumes.VolumeResult> backup =
        new BackupVolumes(repo, host, ProgressListener.NONE)
            .run(
                new BackupVolumes.Request(
                    List.of("src"),
                    false,
                    false,
                    List.of(),
                    AccessPath.AUTO,
                    false,
                    null,
                    null,
                    null));
    assertThat(backup.get(0).ok()).as(String.valueOf(backup.get(0))).isTrue();
  }

  @AfterEach
  void tearDown() throws IOException {
    repo.close();
  }

  @Test
  void restoreCreatesAMissingVolumeAndWritesTheSnapshotIntoIt() throws IOException {
    RestoreSnapshot.Result result = restore("copy", false, AccessPath.AUTO);

    assertThat(result.created()).isTrue();
    assertThat(result.writePath()).isEqualTo("mountpoint");
    assertThat(Files.readString(host.directory("copy").resolve("etc/app.conf")))
        .isEqualTo("port=80");
  }

  @Test
  void restoreRefusesNonEmptyTargetWithoutOverwrite() throws IOException {
    host.add("target", Map.of("keep.txt", "mine"));

    assertThatThrownBy(() -> restore("target", false, AccessPath.AUTO))
        .isInstanceOf(OperationRefusedException.class)
        .hasMessageContaining("volume target on unix:///run/a.sock is not empty");
    assertThat(Files.readString(host.directory("target").resolve("keep.txt"))).isEqualTo("mine");
    assertThat(host.directory("target").resolve("data.bin")).doesNotExist();

    restore("target", true, AccessPath.AUTO);
    assertThat(host.directory("target").resolve("data.bin")).hasContent("payload");
  }

  @Test
  void restoreRefusesATargetAContainerUsesWithoutOverwrite() throws IOException {
    host.add(
        "used",
        Map.of(),
        new VolumeConsumer("c1", "web", "running", true, "/data", false, Map.of()));

    assertThatThrownBy(() -> restore("used", false, AccessPath.AUTO))
        .isInstanceOf(OperationRefusedException.class)
        .hasMessageContaining("is used by web (running)");
  }

  @Test
  void restoreRefusalAsksToRemoveStoppedContainersNotToStopThem() throws IOException {
    host.add(
        "held",
        Map.of(),
        new VolumeConsumer("c2", "db", "exited", false, "/data", false, Map.of()));

    assertThatThrownBy(() -> restore("held", false, AccessPath.AUTO))
        .isInstanceOf(OperationRefusedException.class)
        .hasMessageContaining("is used by db (stopped); remove them")
        .hasMessageNotContaining("stop them");
  }

  @Test
  void restoreRemovesTheVolumeItCreatedWhenItFails() {
    host.failing.add("fresh");

    assertThatThrownBy(() -> restore("fresh", false, AccessPath.API))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("engine closed the archive stream")
        .hasMessageContaining(
            "volume fresh on unix:///run/a.sock, which this restore created," + " was removed");
    assertThat(host.exists("fresh")).isFalse();
    assertThat(host.removed).containsExactly("fresh");
  }

  @Test
  void restoreLeavesAnExistingTargetWhenItFails() throws IOException {
    host.add("old", Map.of("keep.txt", "mine"));
    host.failing.add("old");

    assertThatThrownBy(() -> restore("old", true, AccessPath.API))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "volume old on unix:///run/a.sock existed before and was left as it" + " is");
    assertThat(host.exists("old")).isTrue();
    assertThat(host.removed).isEmpty();
  }

  private RestoreSnapshot.Result restore(String target, boolean overwrite, AccessPath path)
      throws IOException {
    return new RestoreSnapshot(repo, host, ProgressListener.NONE)
        .run(
            new RestoreSnapshot.Request(
                "latest",
                SnapshotFilter.volume("src"),
                target,
                overwrite,
                List.of(),
                path,
                Map.of(),
                false));
  }
}

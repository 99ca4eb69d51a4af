package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.backup.Changes;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.store.ObjectInfo;
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

/** BackupDryRun against a FakeVolumeHost and a repository in memory: no Docker, no S3. */
@Timeout(60)
class BackupDryRunOnFakeHostTest {
  private static final char[] PASSWORD = "pw".toCharArray();

  @TempDir Path dir;
  private MemoryStore store;
  private Repository repo;
  private FakeVolumeHost host;

  @BeforeEach
  void setUp() throws IOException {
    store = new MemoryStore();
    repo = Repository.init(store, PASSWORD, KdfParams.CHEAP, TestRepoConfig.defaults());
    host = new FakeVolumeHost("unix:///run/a.sock", dir.resolve("host"));
  }

  @AfterEach
  void tearDown() throws IOException {
    repo.close();
  }

  @Test
  void dryRunCountsNewChangedUnmodifiedAndRemovedFilesAgainstTheParent() throws IOException {
    host.add("data", Map.of("keep.txt", "same", "edit.txt", "old", "gone.txt", "bye"));
    String parent = backup("data").snapshot().shortId();
    Path volume = host.directory("data");
    Files.writeString(volume.resolve("edit.txt"), "longer now");
    Files.delete(volume.resolve("gone.txt"));
    Files.createDirectories(volume.resolve("sub"));
    Files.writeString(volume.resolve("sub/new.txt"), "fresh");
    List<ObjectInfo> before = store.list("");

    BackupDryRun.Preview p = dryRun(request(List.of("data"), false, AccessPath.AUTO), true).get(0);

    assertThat(p.parent()).isEqualTo(parent);
    assertThat(p.readPath()).isEqualTo("mountpoint");
    assertThat(p.changes()).isEqualTo(new Changes(1, 1, 1, 1, 5, 10, 15));
    assertThat(p.paths())
        .containsExactly(
            new BackupDryRun.PathChange("modified", "/edit.txt"),
            new BackupDryRun.PathChange("removed", "/gone.txt"),
            new BackupDryRun.PathChange("new", "/sub/new.txt"));
    assertThat(store.list("")).isEqualTo(before);
  }

  @Test
  void dryRunWithoutParentCountsEveryFileNewAndForceCountsEveryByteToRead() throws IOException {
    host.add("data", Map.of("a", "12345", "b", "678"));
    assertThat(dryRun(request(List.of("data"), false, AccessPath.AUTO), false).get(0).changes())
        .isEqualTo(new Changes(2, 0, 0, 0, 8, 0, 8));
    assertThat(dryRun(request(List.of("data"), false, AccessPath.AUTO), false).get(0).parent())
        .isNull();

    backup("data");
    BackupVolumes.Request forced =
        new BackupVolumes.Request(
            List.of("data"), false, false, List.of(), AccessPath.AUTO, true, null, null, null);
    assertThat(dryRun(forced, false).get(0).changes()).isEqualTo(new Changes(0, 0, 2, 0, 0, 0, 8));
  }

  @Test
  void dryRunWithAllTakesEveryVolumeOfTheHost() throws IOException {
    host.add("one", Map.of("a", "1"));
    host.add("two", Map.of("b", "2"));

    assertThat(dryRun(request(List.of(), true, AccessPath.AUTO), false))
        .extracting(BackupDryRun.Preview::volume)
        .containsExactly("one", "two");
  }

  @Test
  void dryRunOfAVolumeReadThroughTheApiSaysItsChangesAreUnknownAndReadsNothing()
      throws IOException {
    host.add("remote", Map.of("a", "1"));
    host.failing.add("remote");

    BackupDryRun.Preview p =
        dryRun(request(List.of("remote"), false, AccessPath.AUTO), true).get(0);

    assertThat(p.ok()).isTrue();
    assertThat(p.readPath()).isEqualTo("api");
    assertThat(p.changes()).isNull();
    assertThat(p.note()).isEqualTo("changes unknown: read through the Docker API");
    assertThat(host.leftoverSweeps).isZero();
  }

  @Test
  void dryRunWithReadPathMountpointRefusesAnUnreadableMountpointAsABackupDoes() throws IOException {
    host.add("remote", Map.of("a", "1"));
    host.failing.add("remote");

    assertThatThrownBy(
            () -> dryRun(request(List.of("remote"), false, AccessPath.MOUNTPOINT), false))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("the mountpoint of volume remote on unix:///run/a.sock");
  }

  @Test
  void dryRunOfAMissingVolumeFailsThatVolumeOnly() throws IOException {
    host.add("there", Map.of("a", "1"));

    List<BackupDryRun.Preview> previews =
        dryRun(request(List.of("missing", "there"), false, AccessPath.AUTO), false);

    assertThat(previews).extracting(BackupDryRun.Preview::ok).containsExactly(false, true);
    assertThat(previews.get(0).failure().message()).contains("no volume named missing");
  }

  private List<BackupDryRun.Preview> dryRun(BackupVolumes.Request request, boolean listPaths)
      throws IOException {
    return new BackupDryRun(repo, ProgressListener.NONE).volumes(host, request, listPaths);
  }

  private static BackupVolumes.Request request(
      List<String> volumes, boolean all, AccessPath readPath) {
    return new BackupVolumes.Request(
        volumes, all, false, List.of(), readPath, false, null, null, null);
  }

  private BackupVolumes.VolumeResult backup(String volume) throws IOException {
    BackupVolumes.VolumeResult r =
        new BackupVolumes(repo, host, ProgressListener.NONE)
            .run(request(List.of(volume), false, AccessPath.AUTO))
            .get(0);
    assertThat(r.ok()).as(String.valueOf(r)).isTrue();
    return r;
  }
}

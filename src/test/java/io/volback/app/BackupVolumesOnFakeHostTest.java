package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.docker.NoSuchVolumeException;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.testsupport.FakeVolumeHost;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.TestRepoConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** BackupVolumes against a FakeVolumeHost and a repository in memory: no Docker, no S3. */
@Timeout(60)
class BackupVolumesOnFakeHostTest {
  private static final char[] PASSWORD = "pw".toCharArray();

  @TempDir Path dir;
  private Repository repo;
  private FakeVolumeHost hostA;
  private FakeVolumeHost hostB;

  @BeforeEach
  void setUp() throws IOException {
    repo = Repository.init(new MemoryStore(), PASSWORD, KdfParams.CHEAP, TestRepoConfig.defaults());
    hostA = new FakeVolumeHost("unix:///run/a.sock", dir.resolve("a"));
    hostB = new FakeVolumeHost("tcp://b:2375", dir.resolve("b"));
  }

  @AfterEach
  void tearDown() throws IOException {
    repo.close();
  }

  @Test
  void backupOfSeveralVolumesReportsEachFailureAndGoesOn() throws IOException {
    hostA.add("first", Map.of("a.txt", "one"));
    hostA.add("broken", Map.of("b.txt", "two"));
    hostA.add("last", Map.of("c.txt", "three"));
    hostA.failing.add("broken");

    List<BackupVolumes.VolumeResult> results = backup(hostA, "first", "missing", "broken", "last");

    assertThat(results)
        .extracting(BackupVolumes.VolumeResult::volume)
        .containsExactly("first", "missing", "broken", "last");
    assertThat(results)
        .extracting(BackupVolumes.VolumeResult::ok)
        .containsExactly(true, false, false, true);
    assertThat(results.get(1).failure().message()).contains("no volume named missing");
    assertThat(results.get(2).failure().message()).contains("volume broken: helper container died");
    assertThat(repo.snapshots())
        .extracting(s -> s.snapshot().source().name())
        .containsExactly("first", "last");
    assertThat(hostA.leftoverSweeps).isEqualTo(1);
  }

  @Test
  void failedVolumeCarriesItsExceptionNotOnlyAString() throws IOException {
    List<BackupVolumes.VolumeResult> results = backup(hostA, "missing");

    assertThat(results.get(0).failure().cause()).isInstanceOf(NoSuchVolumeException.class);
    assertThat(results.get(0).failure().message())
        .isEqualTo(results.get(0).failure().cause().getMessage());
  }

  @Test
  void backupUsesTheNewestSnapshotOfTheSameVolumeAndHostAsParent() throws IOException {
    hostA.add("data", Map.of("f.txt", "v1"));
    hostA.add("other", Map.of("o.txt", "o"));
    hostB.add("data", Map.of("f.txt", "on b"));
    backup(hostA, "data");
    String newestOnA = backup(hostA, "data").get(0).snapshot().id();
    backup(hostB, "data");
    backup(hostA, "other");

    BackupVolumes.VolumeResult next = backup(hostA, "data").get(0);

    assertThat(next.snapshot().parent()).isEqualTo(newestOnA);
    assertThat(backup(hostB, "data").get(0).snapshot().parent())
        .isNotEqualTo(newestOnA)
        .isNotNull();
  }

  @Test
  void backupOfAllSkipsAnonymousVolumesUnlessAsked() throws IOException {
    hostA.add("named", Map.of("n.txt", "n"));
    List<BackupVolumes.VolumeResult> results =
        new BackupVolumes(repo, hostA, ProgressListener.NONE)
            .run(
                new BackupVolumes.Request(
                    List.of(), true, false, List.of(), AccessPath.AUTO, false, null, null, null));
    assertThat(results).extracting(BackupVolumes.VolumeResult::volume).containsExactly("named");
    assertThat(results.get(0).snapshot().source().readPath()).isEqualTo("mountpoint");
  }

  @Test
  void backupRefusesVolumesAndAllTogether() {
    assertThatThrownBy(
            () ->
                new BackupVolumes(repo, hostA, ProgressListener.NONE)
                    .run(
                        new BackupVolumes.Request(
                            List.of("x"),
                            true,
                            false,
                            List.of(),
                            AccessPath.AUTO,
                            false,
                            null,
                            null,
                            null)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("not both");
  }

  private List<BackupVolumes.VolumeResult> backup(FakeVolumeHost host, String... volumes)
      throws IOException {
    return new BackupVolumes(repo, host, ProgressListener.NONE)
        .run(
            new BackupVolumes.Request(
                List.of(volumes),
                false,
                false,
                List.of(),
                AccessPath.AUTO,
                false,
                null,
                null,
                null));
  }
}

package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.volback.docker.DockerHost;
import io.volback.docker.LocalMountpoint;
import io.volback.docker.VolumeDiscovery;
import io.volback.entry.EntryType;
import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import io.volback.store.LocalFolderStore;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestRepoConfig;
import io.volback.testsupport.TestTrees;
import io.volback.wiring.DockerVolumeHost;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DrillVolume on the real engines: a snapshot of a volume of engine A (dirs, symlinks, a hard link,
 * a sparse file, a FIFO, odd modes and owners, xattrs) drilled onto engine B, through the
 * mountpoint and through the Docker API, from a sound and from a damaged local repository.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DrillVolumeTest {
  private static final char[] PASSWORD = "pw".toCharArray();
  private static final DockerHost A = DockerEngines.a();
  private static final DockerHost B = DockerEngines.b();
  @TempDir static Path tmp;
  private static Path repoDir;
  private static String source;
  private static String sleeper;
  private static List<String> sourceTree;

  @BeforeAll
  static void backUpASourceVolumeInUse() throws Exception {
    source = TestDocker.createVolume(A, "drill-src");
    Path dir = mountpoint(A, source);
    TestTrees.populate(dir, 13);
    try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("sparse.img").toFile(), "rw")) {
      sparse.setLength(8 << 20);
      sparse.seek((8 << 20) - 5);
      sparse.write("tail\n".getBytes());
    }
    sourceTree = TestTrees.describe(dir);
    sleeper = TestDocker.runSleeper(A, source, "/data", false);
    repoDir = tmp.resolve("repo");
    Repository.init(
            new LocalFolderStore(repoDir), PASSWORD, KdfParams.CHEAP, TestRepoConfig.defaults())
        .close();
    try (Repository repo = open(repoDir)) {
      List<BackupVolumes.VolumeResult> results =
          new BackupVolumes(repo, host(A), ProgressListener.NONE)
              .run(
                  new BackupVolumes.Request(
                      List.of(source),
                      false,
                      false,
                      List.of(),
                      AccessPath.MOUNTPOINT,
                      false,
                      null,
                      null,
                      null));
      assertThat(results.get(0).ok()).as(String.valueOf(results.get(0))).isTrue();
    }
  }

  @AfterAll
  static void removeVolumes() {
    for (var v : scratchVolumes(B)) {
      B.client().removeVolumeCmd(v).exec();
    }
    TestDocker.removeAll(A);
    TestDocker.removeAll(B);
  }

  private static Repository open(Path dir) throws Exception {
    return Repository.open(new LocalFolderStore(dir), PASSWORD);
  }

  private static DockerVolumeHost host(DockerHost h) {
    return new DockerVolumeHost(h, LocalMountpoint.direct());
  }

  private static Path mountpoint(DockerHost h, String volume) throws Exception {
    return Path.of(VolumeDiscovery.get(h, volume).mountpoint());
  }

  /** The scratch volumes of drills of source on host. */
  private static List<String> scratchVolumes(DockerHost h) {
    var volumes =
        h.client()
            .listVolumesCmd()
            .withFilter("label", List.of(ScratchVolumes.SOURCE_LABEL + "=" + source))
            .exec()
            .getVolumes();
    List<String> names = new ArrayList<>();
    if (volumes != null) {
      volumes.forEach(v -> names.add(v.getName()));
    }
    return names;
  }

  private static DrillVolume.Request request(boolean keep) {
    return new DrillVolume.Request(source, null, null, keep, null);
  }

  @Test
  void drillOfAVolumeOfEngineAOntoEngineBPassesAndLeavesTheSourceAndItsContainerAlone()
      throws Exception {
    InspectContainerResponse before = A.client().inspectContainerCmd(sleeper).exec();
    StoredDrill drill;
    try (Repository repo = open(repoDir)) {
      drill = new DrillVolume(repo, host(B), DrillListener.NONE).run(request(false));
      List<StoredDrill> saved = repo.drills();
      assertThat(saved.get(saved.size() - 1)).isEqualTo(drill);
    }
    DrillRecord r = drill.record();
    assertThat(r.mismatches()).isEmpty();
    assertThat(r.error()).isNull();
    assertThat(r.passed()).isTrue();
    assertThat(r.outcome()).isEqualTo(DrillRecord.PASSED);
    assertThat(r.volume()).isEqualTo(source);
    assertThat(r.sourceHost()).isEqualTo(DockerEngines.addressA());
    assertThat(r.targetHost()).isEqualTo(DockerEngines.addressB());
    assertThat(r.readPath()).isEqualTo("mountpoint");
    assertThat(r.notCompared()).isEmpty();
    assertThat(r.scratchVolume())
        .startsWith("volback-drill-" + source + "-")
        .hasSize(("volback-drill-" + source + "-").length() + 8);
    assertThat(r.scratchKept()).isFalse();
    assertThat(r.filesVerified()).isGreaterThan(70);
    assertThat(r.bytesVerified()).isGreaterThan((8 << 20) + (6 << 20));
    assertThat(r.rpoSeconds()).isPositive();
    assertThat(r.restoreSeconds()).isPositive();
    assertThat(r.totalSeconds()).isGreaterThan(r.restoreSeconds());
    assertThat(r.snapshotTime()).isBefore(r.time());
    assertThat(r.probe()).isNull();

    assertThat(scratchVolumes(B)).isEmpty();
    assertThat(B.client().listVolumesCmd().exec().getVolumes())
        .noneMatch(v -> v.getName().equals(r.scratchVolume()));
    InspectContainerResponse after = A.client().inspectContainerCmd(sleeper).exec();
    assertThat(after.getState().getRunning()).isTrue();
    assertThat(after.getState().getStartedAt()).isEqualTo(before.getState().getStartedAt());
    assertThat(TestTrees.describe(mountpoint(A, source))).isEqualTo(sourceTree);
  }

  @Test
  void drillThroughTheDockerApiPassesWithWholeSecondMtimesAndUserXattrsNotCompared()
      throws Exception {
    DrillRecord r;
    try (Repository repo = open(repoDir)) {
      r =
          new DrillVolume(repo, host(B), DrillListener.NONE, AccessPath.API)
              .run(request(false))
              .record();
    }
    assertThat(r.mismatches()).isEmpty();
    assertThat(r.error()).isNull();
    assertThat(r.passed()).isTrue();
    assertThat(r.readPath()).isEqualTo("api");
    assertThat(r.notCompared()).containsExactly("mtime below whole seconds", "user.* xattrs");
    assertThat(r.bytesVerified()).isGreaterThan((8 << 20) + (6 << 20));
    assertThat(scratchVolumes(B)).isEmpty();
  }

  @Test
  void keepLeavesTheLabelledScratchVolume() throws Exception {
    DrillRecord r;
    try (Repository repo = open(repoDir)) {
      r = new DrillVolume(repo, host(B), DrillListener.NONE).run(request(true)).record();
    }
    assertThat(r.passed()).isTrue();
    assertThat(r.scratchKept()).isTrue();
    assertThat(scratchVolumes(B)).containsExactly(r.scratchVolume());
    var labels = VolumeDiscovery.get(B, r.scratchVolume()).labels();
    assertThat(labels)
        .containsEntry(ScratchVolumes.DRILL_LABEL, "true")
        .containsEntry(ScratchVolumes.SOURCE_LABEL, source)
        .containsKeys(ScratchVolumes.OWNER_LABEL, ScratchVolumes.STARTED_LABEL)
        .doesNotContainKeys(TestDocker.LABEL);
    assertThat(labels.get(ScratchVolumes.OWNER_LABEL))
        .endsWith("/" + ProcessHandle.current().pid());
    assertThat(VolumeDiscovery.get(B, r.scratchVolume()).driverOptions()).isEmpty();
    assertThat(TestTrees.describe(mountpoint(B, r.scratchVolume()))).isEqualTo(sourceTree);
    B.client().removeVolumeCmd(r.scratchVolume()).exec();
  }

  @Test
  void aCorruptedPackFailsTheDrillNamingTheAffectedFile() throws Exception {
    Path damaged = tmp.resolve("damaged");
    TestTrees.run("cp", "-a", repoDir.toString(), damaged.toString());
    String victim = "/data/random/blob-2m.bin";
    IndexEntry blob;
    try (Repository repo = open(damaged)) {
      StoredSnapshot snap = repo.snapshots().get(0);
      blob = firstContentBlob(repo, snap, victim);
    }
    Path pack = damaged.resolve(RepoLayout.pack(blob.pack()));
    try (FileChannel ch =
        FileChannel.open(pack, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      var bytes = java.nio.ByteBuffer.allocate(4);
      ch.read(bytes, blob.offset() + 100);
      bytes.flip();
      for (int i = 0; i < 4; i++) {
        bytes.put(i, (byte) ~bytes.get(i));
      }
      ch.write(bytes, blob.offset() + 100);
    }

    DrillRecord r;
    try (Repository repo = open(damaged)) {
      r = new DrillVolume(repo, host(B), DrillListener.NONE).run(request(false)).record();
      List<StoredDrill> saved = repo.drills();
      assertThat(saved.get(saved.size() - 1).record()).isEqualTo(r);
    }
    assertThat(r.passed()).isFalse();
    assertThat(r.outcome()).isEqualTo(DrillRecord.FAILED);
    assertThat(r.error()).startsWith("restore: ").contains(blob.pack().shortHex());
    assertThat(r.mismatchCount()).isEqualTo(r.mismatches().size()).isPositive();
    assertThat(r.mismatches())
        .anySatisfy(
            m -> {
              assertThat(m.path()).isEqualTo(victim);
              assertThat(m.problem())
                  .startsWith(
                      "content blob "
                          + blob.blob().shortHex()
                          + " in pack "
                          + blob.pack().shortHex()
                          + ": ");
            });
    assertThat(r.mismatches()).allMatch(m -> m.problem().startsWith("content blob "));
    assertThat(scratchVolumes(B)).isEmpty();
  }

  @Test
  void aVolumeWithoutSnapshotsIsAUsageErrorNamingIt() throws Exception {
    try (Repository repo = open(repoDir)) {
      assertThatThrownBy(
              () ->
                  new DrillVolume(repo, host(B), DrillListener.NONE)
                      .run(new DrillVolume.Request("no-such-volume", null, null, false, null)))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("no-such-volume");
    }
  }

  private static IndexEntry firstContentBlob(Repository repo, StoredSnapshot snap, String path)
      throws Exception {
    TreeReader tree = new TreeReader(repo.newBlobLoader(), snap.snapshot().treeIds());
    for (TreeNode node = tree.next(); node != null; node = tree.next()) {
      if (node.entry().path().equals(path) && node.entry().type() == EntryType.FILE) {
        Id id = node.contentIds().get(0);
        return repo.index().lookup(id).orElseThrow();
      }
    }
    throw new AssertionError(path + " not in the snapshot");
  }
}

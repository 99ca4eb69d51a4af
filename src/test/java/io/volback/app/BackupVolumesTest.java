package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.docker.DockerHost;
import io.volback.docker.LocalMountpoint;
import io.volback.docker.VolumeDiscovery;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.store.LocalFolderStore;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestRepoConfig;
import io.volback.testsupport.TestTrees;
import io.volback.wiring.DockerVolumeHost;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** BackupVolumes against real volumes of engine A and a local folder repository. */
class BackupVolumesTest {
  private static final char[] PASSWORD = "pw".toCharArray();
  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  private Path blocked;

  @AfterEach
  void cleanUp() throws Exception {
    if (blocked != null) {
      TestTrees.run("chattr", "-i", blocked.toString());
    }
    TestDocker.removeAll(a);
  }

  /**
   * The first volume fails while pack writes are refused (data/ immutable, as in the issue); the
   * second shares a 64 MiB file with it, read first, and must store it again rather than trust the
   * failed volume's claims.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void failedVolumeDoesNotPoisonLaterVolumesOfTheSameRun() throws Exception {
    byte[] shared = new byte[64 << 20];
    new Random(8).nextBytes(shared);
    String v1 = volumeWith(shared, "first volume's own");
    String v2 = volumeWith(shared, "second volume's own");
    Path repoDir = tmp.resolve("repo");
    Repository.init(
            new LocalFolderStore(repoDir), PASSWORD, KdfParams.CHEAP, TestRepoConfig.defaults())
        .close();
    Path data = Files.createDirectories(repoDir.resolve("data"));
    TestTrees.run("chattr", "+i", data.toString());
    blocked = data;

    ProgressListener unblockOnSecond =
        new ProgressListener() {
          @Override
          public void volumeStarted(String volume, long expectedBytes) {
            if (volume.equals(v2)) {
              try {
                TestTrees.run("chattr", "-i", data.toString());
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
          }
        };
    List<BackupVolumes.VolumeResult> results;
    try (Repository repo = Repository.open(new LocalFolderStore(repoDir), PASSWORD)) {
      results =
          new BackupVolumes(
                  repo, new DockerVolumeHost(a, LocalMountpoint.direct()), unblockOnSecond)
              .run(
                  new BackupVolumes.Request(
                      List.of(v1, v2),
                      false,
                      false,
                      List.of(),
                      AccessPath.MOUNTPOINT,
                      false,
                      null,
                      null,
                      null));
    }

    assertThat(results.get(0).ok()).as(String.valueOf(results.get(0))).isFalse();
    assertThat(results.get(1).ok()).as(String.valueOf(results.get(1))).isTrue();
    Cli cli = new Cli(repoDir.toString(), Cli.passwordFile(tmp, "pw"));
    Path tar = tmp.resolve("v2.tar");
    Cli.Result export = cli.run("export", results.get(1).snapshot().id(), "-o", tar.toString());
    assertThat(export.exitCode()).as(export.toString()).isZero();
    Path out = Files.createDirectories(tmp.resolve("out"));
    TestTrees.run("tar", "-xf", tar.toString(), "-C", out.toString());
    assertThat(Files.mismatch(out.resolve("a-shared.bin"), mountpoint(v2).resolve("a-shared.bin")))
        .isEqualTo(-1L);
    assertThat(Files.readString(out.resolve("b-own.txt"))).isEqualTo("second volume's own");
  }

  private String volumeWith(byte[] shared, String own) throws Exception {
    String volume = TestDocker.createVolume(a, "poison");
    Path dir = mountpoint(volume);
    try (OutputStream o = Files.newOutputStream(dir.resolve("a-shared.bin"))) {
      o.write(shared);
    }
    Files.writeString(dir.resolve("b-own.txt"), own);
    return volume;
  }

  private Path mountpoint(String volume) throws Exception {
    return Path.of(VolumeDiscovery.get(a, volume).mountpoint());
  }
}

package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.backup.BackupListener;
import io.volback.backup.SnapshotCreator;
import io.volback.entry.DirectorySink;
import io.volback.entry.DirectorySource;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.restore.RestoreListener;
import io.volback.restore.SnapshotRestorer;
import io.volback.store.LocalFolderStore;
import io.volback.testsupport.Processes;
import io.volback.testsupport.TestRepoConfig;
import io.volback.testsupport.TestTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shapes real volumes have, through a real repository and the directory source and sink: a
 * 1,200-level tree, 2,000 hard links to one file, a 2 GiB sparse image holding 12 KiB.
 */
@Timeout(300)
class TreeShapesRoundTripTest {
  private static final char[] PASSWORD = "pw".toCharArray();

  @TempDir Path tmp;
  Repository repo;
  Path source;

  @BeforeEach
  void setUp() throws Exception {
    repo =
        Repository.init(
            new LocalFolderStore(tmp.resolve("repo")),
            PASSWORD,
            KdfParams.CHEAP,
            TestRepoConfig.defaults());
    source = Files.createDirectory(tmp.resolve("source"));
  }

  @Test
  void aTreeOf1200LevelsRoundTrips() throws Exception {
    Path dir = source;
    for (int i = 0; i < 1200; i++) {
      dir = Files.createDirectory(dir.resolve("d"));
    }
    Files.writeString(dir.resolve("leaf"), "deep");
    assertThat(TestTrees.describe(roundTrip())).isEqualTo(TestTrees.describe(source));
  }

  @Test
  void twoThousandHardLinksToOneFileRoundTrip() throws Exception {
    Path file = Files.writeString(source.resolve("target"), "shared by 2001 names");
    Path links = Files.createDirectory(source.resolve("links"));
    for (int i = 0; i < 2000; i++) {
      Files.createLink(links.resolve("l" + i), file);
    }
    Path restored = roundTrip();
    assertThat(Files.getAttribute(restored.resolve("target"), "unix:nlink")).isEqualTo(2001);
    assertThat(TestTrees.describe(restored)).isEqualTo(TestTrees.describe(source));
  }

  @Test
  void aSparseImageStaysSparseThroughTheRepository() throws Exception {
    long size = 2L << 30;
    try (FileChannel ch =
        FileChannel.open(
            source.resolve("disk.img"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long at : new long[] {0, 1L << 30, size - 4096}) {
        ch.write(
            ByteBuffer.wrap(("data at " + at).repeat(300).getBytes(StandardCharsets.US_ASCII)), at);
      }
      ch.truncate(size);
    }
    Path restored = roundTrip();
    assertThat(Files.size(restored.resolve("disk.img"))).isEqualTo(size);
    assertThat(allocatedBytes(restored.resolve("disk.img"))).isLessThan(1 << 20);
    assertThat(TestTrees.describe(restored)).isEqualTo(TestTrees.describe(source));
  }

  private Path roundTrip() throws IOException {
    StoredSnapshot snap =
        new SnapshotCreator(repo, BackupListener.NONE)
            .create(
                new DirectorySource(source, w -> {}),
                SourceInfo.directory("tree", source.toString()),
                List.of(),
                null);
    Path target = Files.createDirectory(tmp.resolve("restored"));
    try (DirectorySink sink = new DirectorySink(target, w -> {})) {
      new SnapshotRestorer(
              Repository.open(new LocalFolderStore(tmp.resolve("repo")), PASSWORD),
              RestoreListener.NONE)
          .restore(snap, sink, PathFilter.ALL);
    }
    return target;
  }

  private static long allocatedBytes(Path file) throws Exception {
    Processes.Finished stat =
        Processes.run(
            new ProcessBuilder("stat", "-c", "%b", file.toString()), Duration.ofSeconds(30));
    assertThat(stat.exitCode()).as(stat.output()).isZero();
    return Long.parseLong(stat.output().trim()) * 512;
  }
}

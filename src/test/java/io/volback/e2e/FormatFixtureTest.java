package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.entry.DirectorySink;
import io.volback.entry.DirectorySource;
import io.volback.entry.FileEntry;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.restore.RestoreListener;
import io.volback.restore.SnapshotRestorer;
import io.volback.store.LocalFolderStore;
import io.volback.testsupport.MemoryTree;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed fixture repository src/test/resources/fixtures/repo-v1, written by volback 0.1.0
 * (format version 1, see its README.md), still opens, lists and restores byte for byte: a later
 * volback that cannot read it has changed the repository format. The disk restore needs root (it
 * sets owners and creates a character device), as the other round-trip tests do.
 */
class FormatFixtureTest {
  private static final String FIXTURE = "/fixtures/repo-v1";

  @TempDir Path tmp;

  /** One line of snapshots.txt: what the generator recorded about a snapshot it wrote. */
  private record Recorded(
      String id, Instant time, List<String> tags, String parent, String manifest) {
    static Recorded parse(String line) {
      String[] f = line.split("\t", -1);
      return new Recorded(
          f[0],
          Instant.parse(f[1]),
          Arrays.asList(f[2].split(",")),
          f[3].equals("-") ? null : f[3],
          f[4]);
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aRepositoryWrittenByVolback010RestoresByteForByte() throws Exception {
    Path fixture = fixture();
    Path copy = copyTree(fixture.resolve("repository"), tmp.resolve("repository"));
    char[] password = Files.readString(fixture.resolve("password")).strip().toCharArray();
    List<Recorded> recorded =
        Files.readAllLines(fixture.resolve("snapshots.txt")).stream()
            .filter(l -> !l.isBlank())
            .map(Recorded::parse)
            .toList();
    assertThat(recorded).hasSize(2);

    try (Repository repo = Repository.open(new LocalFolderStore(copy), password)) {
      List<StoredSnapshot> snapshots = repo.snapshots();
      assertThat(snapshots)
          .extracting(s -> s.id().hex())
          .containsExactly(recorded.get(0).id(), recorded.get(1).id());
      for (int i = 0; i < snapshots.size(); i++) {
        assertSnapshotAsRecorded(snapshots.get(i), recorded.get(i));
        assertRestoresAsManifest(
            repo, snapshots.get(i), fixture.resolve(recorded.get(i).manifest()));
      }
      assertThat(snapshots.get(1).snapshot().parent()).isEqualTo(snapshots.get(0).id().hex());
      assertThat(snapshots.get(0).snapshot().tags()).containsExactly("first");
      assertThat(snapshots.get(1).snapshot().tags()).containsExactly("nightly", "second");
    }
    assertThat(copy.resolve("locks")).as("the restore's lock is gone").isEmptyDirectory();
  }

  /**
   * The same fixture restored onto a real file system (DirectorySink, the concurrent file path) and
   * read back with DirectorySource: what the disk holds matches the manifest, except what a file
   * system decides itself (inode, device, ctime) and a hard link's own metadata, which is its
   * target's.
   */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aRepositoryWrittenByVolback010RestoresOntoDiskByteForByte() throws Exception {
    Path fixture = fixture();
    Path copy = copyTree(fixture.resolve("repository"), tmp.resolve("repository"));
    char[] password = Files.readString(fixture.resolve("password")).strip().toCharArray();
    List<String> manifests = List.of("manifest-first.txt", "manifest-second.txt");
    try (Repository repo = Repository.open(new LocalFolderStore(copy), password)) {
      List<StoredSnapshot> snapshots = repo.snapshots();
      assertThat(snapshots).hasSize(2);
      for (int i = 0; i < snapshots.size(); i++) {
        Path target = Files.createDirectory(tmp.resolve("restored-" + i));
        List<String> warnings = new ArrayList<>();
        try (DirectorySink sink = new DirectorySink(target, warnings::add)) {
          new SnapshotRestorer(repo, RestoreListener.NONE)
              .restore(snapshots.get(i), sink, PathFilter.ALL);
        }
        assertThat(warnings).isEmpty();
        List<String> expected =
            Files.readAllLines(fixture.resolve(manifests.get(i))).stream()
                .filter(l -> !l.isEmpty())
                .map(FormatFixtureTest::asOnDisk)
                .toList();
        assertThat(readBack(target))
            .as("%s on disk", manifests.get(i))
            .containsExactlyElementsOf(expected);
      }
    }
  }

  private static List<String> readBack(Path dir) throws IOException {
    MemoryTree tree = new MemoryTree();
    new DirectorySource(
            dir,
            warning -> {
              throw new AssertionError(warning);
            })
        .forEach(
            (entry, opener) -> {
              byte[] content = null;
              if (opener != null) {
                try (var in = opener.open()) {
                  content = in.readAllBytes();
                }
              }
              tree.add(entry, content);
            });
    List<String> lines = new ArrayList<>();
    for (FileEntry e : tree.entries()) {
      lines.add(asOnDisk(FixtureManifest.describe(e, tree.content(e.path()))));
    }
    return lines;
  }

  /** A manifest line without file identity; a hard link by path, type and target only. */
  private static String asOnDisk(String line) {
    String[] f = line.split("\t", -1);
    if (f[1].equals("HARDLINK")) {
      return String.join("\t", f[0], f[1], f[6]);
    }
    f[9] = "-";
    return String.join("\t", f);
  }

  private static void assertSnapshotAsRecorded(StoredSnapshot stored, Recorded recorded) {
    var s = stored.snapshot();
    assertThat(s.version()).isEqualTo(1);
    assertThat(s.time()).isEqualTo(recorded.time());
    assertThat(s.tags()).isEqualTo(recorded.tags());
    assertThat(s.parent()).isEqualTo(recorded.parent());
    assertThat(s.skipped()).isNull();
    SourceInfo source = s.source();
    assertThat(source)
        .isEqualTo(
            SourceInfo.volume("fixture-vol")
                .dockerHost("unix:///var/run/docker.sock", null)
                .driver("local", Map.of("type", "none"))
                .labels(Map.of("app", "fixture"))
                .scope("local")
                .consumers(
                    List.of(new SourceInfo.Consumer("db", "0123456789ab", true, "/data", false)))
                .readPath("api")
                .build());
  }

  private static void assertRestoresAsManifest(
      Repository repo, StoredSnapshot snapshot, Path manifest) throws IOException {
    MemoryTree restored = new MemoryTree();
    new SnapshotRestorer(repo, RestoreListener.NONE).restore(snapshot, restored, PathFilter.ALL);
    assertThat(restored.finished).isTrue();
    List<String> expected =
        Files.readAllLines(manifest).stream().filter(l -> !l.isEmpty()).toList();
    assertThat(FixtureManifest.describe(restored))
        .as("snapshot %s restored against %s", snapshot.id().shortHex(), manifest.getFileName())
        .containsExactlyElementsOf(expected);
    long bytes = restored.entries().stream().mapToLong(e -> e.size()).sum();
    assertThat(snapshot.snapshot().stats().bytes()).isEqualTo(bytes);
  }

  private static Path fixture() throws URISyntaxException {
    var url = FormatFixtureTest.class.getResource(FIXTURE + "/snapshots.txt");
    assertThat(url).as("fixture %s on the test class path", FIXTURE).isNotNull();
    return Path.of(url.toURI()).getParent();
  }

  /** Copies the fixture, since opening and restoring write locks into the repository. */
  private static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}

package io.volback.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.backup.BackupListener;
import io.volback.backup.SnapshotCreator;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.RepoConfig;
import io.volback.repo.Repository;
import io.volback.repo.chunker.ChunkerParams;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.drill.DrillRecord.Mismatch;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.restore.SnapshotVerifier.Tolerance;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.MemoryTree;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SnapshotVerifier on in-memory trees: each kind of difference, and the API-path tolerance. */
class SnapshotVerifierTest {
  private static final Instant MTIME = Instant.parse("2020-05-06T07:08:09.123456789Z");
  private static final byte[] BIG = random(700_000, 1);
  private Repository repo;
  private StoredSnapshot snap;

  @BeforeEach
  void setUp() throws Exception {
    // small chunks, so that BIG spans several content blobs
    RepoConfig config =
        RepoConfig.create(new ChunkerParams(16 << 10, 64 << 10, 256 << 10), 3, 1 << 20);
    repo = Repository.init(new MemoryStore(), "pw".toCharArray(), KdfParams.CHEAP, config);
    snap =
        new SnapshotCreator(repo, BackupListener.NONE)
            .create(tree(t -> {}), SourceInfo.directory("vol", "/x"), List.of(), null);
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** The snapshot's tree, in depth-first byte order, after change edits it in place. */
  private static MemoryTree tree(Consumer<MemoryTree> change) {
    MemoryTree t = new MemoryTree();
    t.add(dir("/").build(), null);
    t.add(file("/big", BIG).build(), BIG);
    t.add(dir("/d").build(), null);
    t.add(file("/d/a", "alpha".getBytes()).build(), "alpha".getBytes());
    t.add(
        file("/d/x", "xattrs".getBytes())
            .xattrs(Map.of("user.note", "aGk=", "security.capability", "AQID"))
            .build(),
        "xattrs".getBytes());
    t.add(dir("/d/z").build(), null);
    t.add(file("/d/z/deep", new byte[0]).uid(33).gid(33).mode(0600).build(), new byte[0]);
    t.add(FileEntry.builder("/dev", EntryType.CHAR_DEVICE).device(1, 3).mtime(MTIME).build(), null);
    t.add(FileEntry.builder("/hard", EntryType.HARDLINK).linkTarget("/big").build(), null);
    t.add(
        FileEntry.builder("/link", EntryType.SYMLINK).linkTarget("d/a").mtime(MTIME).build(), null);
    change.accept(t);
    return t;
  }

  private static FileEntry.Builder dir(String path) {
    return FileEntry.builder(path, EntryType.DIRECTORY).mtime(MTIME);
  }

  private static FileEntry.Builder file(String path, byte[] content) {
    return FileEntry.builder(path, EntryType.FILE).size(content.length).mtime(MTIME);
  }

  private SnapshotVerifier.Result verify(Consumer<MemoryTree> change, Tolerance tolerance)
      throws Exception {
    return new SnapshotVerifier(repo).verify(snap, tree(change), tolerance);
  }

  private List<Mismatch> mismatches(Consumer<MemoryTree> change) throws Exception {
    SnapshotVerifier.Result r = verify(change, Tolerance.EXACT);
    assertThat(r.mismatchCount()).isEqualTo(r.mismatches().size());
    return r.mismatches();
  }

  @Test
  void equalTreesPassWithEveryFileAndByteVerified() throws Exception {
    SnapshotVerifier.Result r = verify(t -> {}, Tolerance.EXACT);
    assertThat(r.mismatches()).isEmpty();
    assertThat(r.passed()).isTrue();
    assertThat(r.filesVerified()).isEqualTo(4);
    assertThat(r.bytesVerified()).isEqualTo(BIG.length + 5 + 6);
  }

  @Test
  void missingAndExtraEntriesAreNamed() throws Exception {
    MemoryTree changed = tree(t -> {});
    MemoryTree without = new MemoryTree();
    for (FileEntry e : changed.entries()) {
      if (!e.path().equals("/d/a")) {
        without.add(e, changed.content(e.path()));
      }
      if (e.path().equals("/d/z/deep")) {
        without.add(file("/d/z/extra", "e".getBytes()).build(), "e".getBytes());
      }
    }
    SnapshotVerifier.Result r = new SnapshotVerifier(repo).verify(snap, without, Tolerance.EXACT);
    assertThat(r.mismatches())
        .containsExactly(
            new Mismatch("/d/a", "missing file"),
            new Mismatch("/d/z/extra", "extra file: not in the snapshot"));
  }

  @Test
  void aMissingTailOfTheTreeIsNamed() throws Exception {
    MemoryTree full = tree(t -> {});
    MemoryTree head = new MemoryTree();
    for (FileEntry e : full.entries()) {
      if (e.path().compareTo("/hard") < 0) {
        head.add(e, full.content(e.path()));
      }
    }
    SnapshotVerifier.Result r = new SnapshotVerifier(repo).verify(snap, head, Tolerance.EXACT);
    assertThat(r.mismatches())
        .containsExactly(
            new Mismatch("/hard", "missing hard link"), new Mismatch("/link", "missing symlink"));
  }

  @Test
  void typeDifferenceIsNamed() throws Exception {
    assertThat(
            mismatches(
                t -> t.add(FileEntry.builder("/d/z", EntryType.FILE).mtime(MTIME).build(), null)))
        .contains(new Mismatch("/d/z", "type: expected directory, found file"));
  }

  @Test
  void sizeDifferenceIsNamed() throws Exception {
    assertThat(mismatches(t -> t.add(file("/d/a", "alph".getBytes()).build(), "alph".getBytes())))
        .containsExactly(new Mismatch("/d/a", "size: expected 5 bytes, found 4"));
  }

  @Test
  void contentDifferenceNamesTheByteRangeOfItsBlob() throws Exception {
    byte[] changed = BIG.clone();
    changed[BIG.length - 10] ^= 1;
    List<Mismatch> found = mismatches(t -> t.add(file("/big", changed).build(), changed));
    assertThat(found).hasSize(1);
    assertThat(found.get(0).path()).isEqualTo("/big");
    assertThat(found.get(0).problem())
        .startsWith("content: differs from the snapshot in bytes ")
        .doesNotContain("bytes 0-")
        .contains("-" + (BIG.length - 1) + " (blob ");
  }

  @Test
  void modeOwnerAndMtimeDifferencesAreNamed() throws Exception {
    assertThat(
            mismatches(
                t ->
                    t.add(
                        file("/d/z/deep", new byte[0])
                            .uid(33)
                            .gid(34)
                            .mode(0640)
                            .mtime(MTIME.plusSeconds(1))
                            .build(),
                        new byte[0])))
        .containsExactly(
            new Mismatch("/d/z/deep", "mode: expected 0600, found 0640"),
            new Mismatch("/d/z/deep", "owner: expected 33:33, found 33:34"),
            new Mismatch(
                "/d/z/deep", "mtime: expected " + MTIME + ", found " + MTIME.plusSeconds(1)));
  }

  @Test
  void linkTargetsAndDeviceNumbersAreCompared() throws Exception {
    assertThat(
            mismatches(
                t -> {
                  t.add(
                      FileEntry.builder("/link", EntryType.SYMLINK)
                          .linkTarget("d/x")
                          .mtime(MTIME)
                          .build(),
                      null);
                  t.add(
                      FileEntry.builder("/hard", EntryType.HARDLINK).linkTarget("/d/a").build(),
                      null);
                  t.add(
                      FileEntry.builder("/dev", EntryType.CHAR_DEVICE)
                          .device(1, 5)
                          .mtime(MTIME)
                          .build(),
                      null);
                }))
        .containsExactly(
            new Mismatch("/dev", "device: expected 1,3, found 1,5"),
            new Mismatch("/hard", "hard link target: expected /big, found /d/a"),
            new Mismatch("/link", "symlink target: expected d/a, found d/x"));
  }

  @Test
  void xattrDifferencesAreNamed() throws Exception {
    assertThat(
            mismatches(
                t ->
                    t.add(
                        file("/d/x", "xattrs".getBytes())
                            .xattrs(Map.of("user.note", "aG8=", "security.capability", "AQID"))
                            .build(),
                        "xattrs".getBytes())))
        .containsExactly(
            new Mismatch("/d/x", "xattr user.note: (base64) expected aGk=, found aG8="));
    assertThat(
            mismatches(
                t ->
                    t.add(
                        file("/d/x", "xattrs".getBytes())
                            .xattrs(Map.of("security.capability", "AQID"))
                            .build(),
                        "xattrs".getBytes())))
        .containsExactly(
            new Mismatch(
                "/d/x",
                "xattrs: expected [security.capability, user.note], found [security.capability]"));
  }

  @Test
  void apiPathToleranceAcceptsWholeSecondMtimesAndNoUserXattrsOnly() throws Exception {
    Consumer<MemoryTree> archived =
        t -> {
          Instant whole = Instant.ofEpochSecond(MTIME.getEpochSecond());
          t.add(
              file("/d/x", "xattrs".getBytes())
                  .xattrs(Map.of("security.capability", "AQID"))
                  .mtime(whole)
                  .build(),
              "xattrs".getBytes());
        };
    assertThat(verify(archived, Tolerance.DOCKER_ARCHIVE).mismatches()).isEmpty();
    assertThat(verify(archived, Tolerance.EXACT).mismatchCount()).isEqualTo(2);
    // a whole second off, or a security.* xattr lost, is a difference on the API path too
    Consumer<MemoryTree> wrong =
        t ->
            t.add(
                file("/d/x", "xattrs".getBytes())
                    .xattrs(Map.of("user.note", "aGk="))
                    .mtime(MTIME.minusSeconds(1))
                    .build(),
                "xattrs".getBytes());
    assertThat(verify(wrong, Tolerance.DOCKER_ARCHIVE).mismatchCount()).isEqualTo(2);
    assertThat(Tolerance.DOCKER_ARCHIVE.notCompared())
        .containsExactly("mtime below whole seconds", "user.* xattrs");
    assertThat(Tolerance.EXACT.notCompared()).isEmpty();
  }

  @Test
  void onlyTheFirstHundredMismatchesAreKeptButAllAreCounted() throws Exception {
    MemoryTree base = tree(t -> {});
    MemoryTree extra = new MemoryTree();
    for (FileEntry e : base.entries()) {
      extra.add(e, base.content(e.path()));
      if (e.path().equals("/d/z/deep")) {
        for (int i = 0; i < 150; i++) {
          String path = String.format("/d/z/e%03d", i);
          extra.add(file(path, new byte[0]).build(), new byte[0]);
        }
      }
    }
    SnapshotVerifier.Result r = new SnapshotVerifier(repo).verify(snap, extra, Tolerance.EXACT);
    assertThat(r.mismatchCount()).isEqualTo(150);
    assertThat(r.mismatches()).hasSize(SnapshotVerifier.KEPT_MISMATCHES);
    assertThat(r.mismatches().get(0))
        .isEqualTo(new Mismatch("/d/z/e000", "extra file: not in the snapshot"));
  }
}

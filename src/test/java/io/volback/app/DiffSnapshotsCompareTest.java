package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.Id;
import io.volback.repo.tree.TreeNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How diff classifies two entries of one path. */
class DiffSnapshotsCompareTest {
  private static final Id ONE = new Id(1, 2, 3, 4);
  private static final Id TWO = new Id(5, 6, 7, 8);

  private static FileEntry.Builder file() {
    return FileEntry.builder("/f", EntryType.FILE).size(3).mtime(Instant.ofEpochSecond(100));
  }

  private static DiffSnapshots.Modifier compare(
      FileEntry a, List<Id> ca, FileEntry b, List<Id> cb) {
    return DiffSnapshots.compare(new TreeNode(a, ca), new TreeNode(b, cb));
  }

  @Test
  void equalEntriesAreNoChangeWhateverTheirInodeAndCtime() {
    FileEntry a = file().fileIdentity(1L, 2L, Instant.EPOCH).build();
    FileEntry b = file().fileIdentity(9L, 8L, Instant.now()).build();
    assertThat(compare(a, List.of(ONE), b, List.of(ONE))).isNull();
  }

  @Test
  void differentContentBlobsAreModifiedEvenWithOtherMetadataChanged() {
    assertThat(compare(file().build(), List.of(ONE), file().mode(0600).build(), List.of(TWO)))
        .isEqualTo(DiffSnapshots.Modifier.MODIFIED);
  }

  @Test
  void modeOwnerTimeXattrsAndLinkTargetAreMetadataChanges() {
    FileEntry base = file().build();
    for (FileEntry other :
        List.of(
            file().mode(0600).build(),
            file().uid(33).build(),
            file().gid(33).build(),
            file().mtime(Instant.ofEpochSecond(101)).build(),
            file().xattrs(Map.of("user.k", "dg==")).build())) {
      assertThat(compare(base, List.of(ONE), other, List.of(ONE)))
          .as(other.toString())
          .isEqualTo(DiffSnapshots.Modifier.METADATA);
    }
    FileEntry linkA = FileEntry.builder("/l", EntryType.SYMLINK).linkTarget("a").build();
    FileEntry linkB = FileEntry.builder("/l", EntryType.SYMLINK).linkTarget("b").build();
    assertThat(compare(linkA, List.of(), linkB, List.of()))
        .isEqualTo(DiffSnapshots.Modifier.METADATA);
  }

  @Test
  void aDifferentTypeIsATypeChange() {
    FileEntry dir = FileEntry.builder("/f", EntryType.DIRECTORY).build();
    assertThat(compare(file().build(), List.of(ONE), dir, List.of()))
        .isEqualTo(DiffSnapshots.Modifier.TYPE);
  }
}

package io.volback.repo.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolving a reference when some snapshot objects cannot be read. */
class SnapshotSelectorTest {
  private final StoredSnapshot older = snapshot(1, "data");
  private final StoredSnapshot newer = snapshot(2, "data");
  private final Id damagedId = Id.sha256(new byte[] {9});
  private final SnapshotList list =
      new SnapshotList(
          List.of(older, newer),
          List.of(new SnapshotList.Damaged(RepoLayout.snapshot(damagedId), "cannot decrypt")));

  @Test
  void latestIsTheNewestReadableSnapshotDespiteADamagedOne() throws Exception {
    assertThat(SnapshotSelector.select(list, "latest", SnapshotFilter.volume("data")))
        .isEqualTo(newer);
  }

  @Test
  void aReferenceToADamagedSnapshotFailsNamingIt() {
    String ref = damagedId.hex().substring(0, 12);
    assertThatThrownBy(() -> SnapshotSelector.select(list, ref, SnapshotFilter.ALL))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageContaining("snapshot " + ref + " cannot be read: cannot decrypt");
  }

  @Test
  void aReadableSnapshotIsFoundByItsIdPrefix() throws Exception {
    assertThat(SnapshotSelector.select(list, older.id().hex().substring(0, 12), SnapshotFilter.ALL))
        .isEqualTo(older);
  }

  @Test
  void ofSourceKeepsTheDamagedObjects() {
    SnapshotList other = list.matching(SnapshotFilter.volume("other"));
    assertThat(other.snapshots()).isEmpty();
    assertThat(other.damaged()).hasSize(1);
  }

  private static StoredSnapshot snapshot(int n, String name) {
    Snapshot s =
        new Snapshot(
            1,
            Instant.ofEpochSecond(n),
            "h",
            "u",
            SourceInfo.directory(name, "/srv/" + name),
            List.of(),
            List.of(),
            null,
            null,
            null);
    return new StoredSnapshot(Id.sha256(new byte[] {(byte) n}), s);
  }
}

package io.volback.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.BlobType;
import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.index.IndexObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrunePlanTest {
  private final List<IndexEntry> entries = new ArrayList<>();
  private final Map<Id, Long> packFiles = new HashMap<>();

  @Test
  void aPackNoSnapshotUsesIsDeletedAndAPackNoIndexListsIsDeletedAsOrphan() throws Exception {
    pack(1, 100, blob(1, 50));
    pack(2, 100, blob(2, 50));
    packFiles.put(id(3), 70L);

    PrunePlan plan = plan(Set.of(id(1)), MaxUnused.DEFAULT);

    assertThat(plan.packsToDelete()).containsExactlyInAnyOrder(id(2), id(3));
    PruneResult r = plan.estimate(true);
    assertThat(r.packsDeleted()).isEqualTo(2);
    assertThat(r.orphanedPacks()).isEqualTo(1);
    assertThat(r.bytesFreed()).isEqualTo(170);
    assertThat(r.unusedBefore()).isEqualTo(50 + 70);
    assertThat(r.unusedAfter()).isZero();
    assertThat(plan.keptEntries()).extracting(IndexEntry::pack).containsOnly(id(1));
  }

  @Test
  void partlyUsedPacksAreRepackedMostUnusedFirstUntilTheUnusedShareIsWithinTheLimit()
      throws Exception {
    pack(1, 1000, blob(1, 900), blob(2, 100)); // 10% unused
    pack(2, 1000, blob(3, 500), blob(4, 500)); // 50% unused
    pack(3, 1000, blob(5, 990), blob(6, 10)); // 1% unused
    Set<Id> used = Set.of(id(1), id(3), id(5));

    PrunePlan plan = plan(used, MaxUnused.parse("5%"));

    // used 2390: 5% allows 125 unused of 610; repacking pack 2 (500) leaves 110.
    assertThat(plan.packsToDelete()).containsExactly(id(2));
    assertThat(plan.blobsToRepack()).extracting(IndexEntry::blob).containsExactly(id(3));
    assertThat(plan.keptEntries())
        .extracting(IndexEntry::blob)
        .containsExactly(id(5), id(6), id(1), id(2));
    assertThat(plan.estimate(true).unusedAfter()).isEqualTo(110);
    assertThat(plan.estimate(true).bytesFreed()).isEqualTo(1000 - 500);
    // 2%: 48 allowed, so pack 1 (10% unused) goes too.
    assertThat(plan(used, MaxUnused.parse("2%")).packsToDelete()).containsExactly(id(2), id(1));
  }

  @Test
  void unlimitedRepacksNothingAndAnAbsoluteSizeRepacksUntilBelowIt() throws Exception {
    pack(1, 1000, blob(1, 900), blob(2, 100));
    pack(2, 1000, blob(3, 500), blob(4, 500));
    Set<Id> used = Set.of(id(1), id(3));

    assertThat(plan(used, MaxUnused.parse("unlimited")).isEmpty()).isTrue();
    assertThat(plan(used, MaxUnused.parse("200")).packsToDelete()).containsExactly(id(2));
    assertThat(plan(used, MaxUnused.parse("0")).packsToDelete()).containsExactly(id(2), id(1));
  }

  @Test
  void aBlobInTwoPacksIsKeptFromTheWhollyUsedOneAndTheOtherPackGoes() throws Exception {
    pack(1, 300, blob(1, 100), blob(2, 100), blob(9, 100)); // blob 9 unreferenced
    pack(2, 200, blob(1, 100), blob(2, 100)); // a copy, e.g. repacked by an interrupted prune

    PrunePlan plan = plan(Set.of(id(1), id(2)), MaxUnused.DEFAULT);

    assertThat(plan.packsToDelete()).containsExactly(id(1));
    assertThat(plan.blobsToRepack()).isEmpty();
    assertThat(plan.keptEntries()).extracting(IndexEntry::pack).containsOnly(id(2));
  }

  @Test
  void entriesListedTwiceForOnePackCountOnce() throws Exception {
    pack(1, 200, blob(1, 100), blob(2, 100));
    entries.add(new IndexEntry(id(1), BlobType.DATA, id(1), 0, 100, 100));

    PrunePlan plan = plan(Set.of(id(1), id(2)), MaxUnused.DEFAULT);

    assertThat(plan.changesIndex()).isFalse();
    assertThat(plan.keptEntries()).hasSize(2);
  }

  @Test
  void indexEntriesOfAMissingPackAreDroppedFromTheNewIndex() throws Exception {
    pack(1, 100, blob(1, 100));
    entries.add(new IndexEntry(id(7), BlobType.DATA, id(8), 0, 10, 10));

    PrunePlan plan = plan(Set.of(id(1)), MaxUnused.DEFAULT);

    assertThat(plan.changesIndex()).isTrue();
    assertThat(plan.estimate(true).missingPacks()).isEqualTo(1);
    assertThat(plan.packsToDelete()).isEmpty();
    assertThat(plan.keptEntries()).extracting(IndexEntry::blob).containsExactly(id(1));
  }

  @Test
  void aUsedBlobInNoExistingPackMakesPruneRefuse() {
    pack(1, 100, blob(1, 100));
    entries.add(new IndexEntry(id(2), BlobType.DATA, id(8), 0, 10, 10)); // pack 8 is gone

    assertThatThrownBy(() -> plan(Set.of(id(1), id(2)), MaxUnused.DEFAULT))
        .isInstanceOf(PruneRefusedException.class)
        .hasMessageContaining("1 blob(s) that snapshots reference are in no pack")
        .hasMessageContaining(id(2).shortHex());
  }

  @Test
  void maxUnusedParsesSharesSizesAndUnlimitedAndRejectsOthers() {
    assertThat(MaxUnused.parse("5%").limit(950)).isEqualTo(50);
    assertThat(MaxUnused.parse("10M").limit(1)).isEqualTo(10L << 20);
    assertThat(MaxUnused.parse("2GiB").limit(1)).isEqualTo(2L << 30);
    assertThat(MaxUnused.parse("unlimited").limit(1)).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> MaxUnused.parse("100%")).hasMessageContaining("below 100%");
    assertThatThrownBy(() -> MaxUnused.parse("lots"))
        .hasMessage(
            "--max-unused lots is not 'unlimited', a share such as 5% or a size such as 500M");
  }

  private PrunePlan plan(Set<Id> used, MaxUnused max) throws PruneRefusedException {
    return PrunePlan.make(
        List.of(new IndexObject(RepoLayout.index(id(99)), entries)), packFiles, used, max);
  }

  private record Blob(int n, int length) {}

  private static Blob blob(int n, int length) {
    return new Blob(n, length);
  }

  private void pack(int n, long size, Blob... blobs) {
    packFiles.put(id(n), size);
    long offset = 0;
    for (Blob b : blobs) {
      entries.add(new IndexEntry(id(b.n()), BlobType.DATA, id(n), offset, b.length(), b.length()));
      offset += b.length();
    }
  }

  private static Id id(int n) {
    byte[] b = new byte[32];
    b[0] = (byte) n;
    b[31] = (byte) (n * 7);
    return Id.of(b);
  }
}

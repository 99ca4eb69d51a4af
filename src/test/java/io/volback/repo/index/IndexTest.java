package io.volback.repo.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.BlobType;
import io.volback.repo.Id;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Index's compact table: lookups, growth, duplicates and pack data ends. */
class IndexTest {

  private static Id id(int n) {
    return Id.sha256(ByteBuffer.allocate(4).putInt(n).array());
  }

  @Test
  void findsEveryBlobAfterGrowingAndKeepsTheFirstPlaceOfADuplicate() {
    Index index = new Index();
    List<IndexEntry> added = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      Id pack = id(-1 - i / 1000);
      added.add(
          new IndexEntry(
              id(i),
              i % 7 == 0 ? BlobType.TREE : BlobType.DATA,
              pack,
              (i % 1000) * 100L,
              100,
              300 + i));
    }
    index.addAll(added);
    index.add(new IndexEntry(id(5), BlobType.DATA, id(-999), 0, 1, 1));

    assertThat(index.size()).isEqualTo(50_000);
    for (IndexEntry e : added) {
      assertThat(index.lookup(e.blob())).contains(e);
    }
    assertThat(index.has(id(50_000))).isFalse();
    assertThat(index.lookup(id(-1))).isEmpty();
    assertThat(index.packDataEnd(id(-1))).isEqualTo(100_000L);
    assertThat(index.packDataEnd(id(-999))).isEqualTo(1L);
    assertThat(index.packDataEnd(id(-12345))).isZero();
  }
}

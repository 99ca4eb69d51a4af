package io.volback.repo.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.BlobType;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexCodecTest {
  /** What data binding wrote for ENTRIES when the tests still had a record for each pack. */
  private static final String JSON =
      "{\"version\":1,\"supersedes\":[],\"packs\":[{\"id\":\"4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a\",\"blobs\":[{\"id\":\"084fed08b978af4d7d196a7446a86b58009e636b611db16211b65a9aadff29c5\",\"type\":\"DATA\",\"offset\":0,\"length\":100,\"rawLength\":120},{\"id\":\"e52d9c508c502347344d8c07ad91cbd6068afc75ff6292f062a09ca381c89e71\",\"type\":\"TREE\",\"offset\":100,\"length\":50,\"rawLength\":400}]},{\"id\":\"dbc1b4c900ffe48d575b5da5c638040125f65db0fe3e24494b76ea986457d986\",\"blobs\":[{\"id\":\"e77b9a9ae9e30b0dbdb6f510a264ef9de781501d7b6b92ae89eb059c5ab743db\",\"type\":\"DATA\",\"offset\":0,\"length\":5000000,\"rawLength\":4194304}]}]}";

  private static final List<IndexEntry> ENTRIES = entries();

  private static List<IndexEntry> entries() {
    Id packA = Id.sha256(new byte[] {1});
    Id packB = Id.sha256(new byte[] {2});
    return List.of(
        new IndexEntry(Id.sha256(new byte[] {3}), BlobType.DATA, packA, 0, 100, 120),
        new IndexEntry(Id.sha256(new byte[] {4}), BlobType.TREE, packA, 100, 50, 400),
        new IndexEntry(Id.sha256(new byte[] {5}), BlobType.DATA, packB, 0, 5_000_000, 4_194_304));
  }

  @Test
  void readsAnIndexObject() throws Exception {
    assertThat(IndexCodec.read(JSON.getBytes(StandardCharsets.UTF_8), "index/x"))
        .isEqualTo(ENTRIES);
  }

  @Test
  void streamedIndexObjectsAreTheSameJsonAsDataBindingWrote() throws Exception {
    byte[] streamed = IndexCodec.write(ENTRIES);
    assertThat(new String(streamed, StandardCharsets.UTF_8)).isEqualTo(JSON);
    assertThat(IndexCodec.read(streamed, "index/x")).isEqualTo(ENTRIES);
    assertThat(IndexCodec.read(IndexCodec.write(List.of()), "index/y")).isEmpty();
  }

  @Test
  void aPackIdAfterItsBlobsStillLocatesThem() throws Exception {
    IndexEntry e = ENTRIES.get(0);
    String json =
        "{\"packs\":[{\"blobs\":[{\"id\":\""
            + e.blob().hex()
            + "\",\"type\":\"DATA\",\"offset\":0,\"length\":100,\"rawLength\":120}],"
            + "\"id\":\""
            + e.pack().hex()
            + "\"}]}";
    assertThat(IndexCodec.read(json.getBytes(StandardCharsets.UTF_8), "index/z"))
        .containsExactly(e);
  }

  @Test
  void damagedIndexIsACorruptObjectNamingIt() {
    byte[] bad = "{\"packs\":[{\"blobs\":[]}]}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> IndexCodec.read(bad, "index/abc"))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageContaining("index/abc");
    byte[] junk = "[1,2".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> IndexCodec.read(junk, "index/abc"))
        .isInstanceOf(CorruptObjectException.class);
  }
}

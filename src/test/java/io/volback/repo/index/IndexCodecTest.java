package io.volback.repo.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.BlobType;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import io.volback.repo.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexCodecTest {
  @Test
  void readsWhatIndexFilesWrite() throws Exception {
    Id packA = Id.sha256(new byte[] {1});
    Id packB = Id.sha256(new byte[] {2});
    List<IndexEntry> entries =
        List.of(
            new IndexEntry(Id.sha256(new byte[] {3}), BlobType.DATA, packA, 0, 100, 120),
            new IndexEntry(Id.sha256(new byte[] {4}), BlobType.TREE, packA, 100, 50, 400),
            new IndexEntry(
                Id.sha256(new byte[] {5}), BlobType.DATA, packB, 0, 5_000_000, 4_194_304));
    byte[] json = Json.write(IndexFile.of(entries));
    assertThat(IndexCodec.read(json, "index/x")).isEqualTo(entries);
  }

  @Test
  void streamedIndexObjectsAreTheSameJsonAsDataBindingWrites() throws Exception {
    Id packA = Id.sha256(new byte[] {1});
    Id packB = Id.sha256(new byte[] {2});
    List<IndexEntry> entries =
        List.of(
            new IndexEntry(Id.sha256(new byte[] {3}), BlobType.DATA, packA, 0, 100, 120),
            new IndexEntry(Id.sha256(new byte[] {4}), BlobType.TREE, packA, 100, 50, 400),
            new IndexEntry(
                Id.sha256(new byte[] {5}), BlobType.DATA, packB, 0, 5_000_000, 4_194_304));
    byte[] streamed = IndexCodec.write(entries);
    assertThat(Json.MAPPER.readTree(streamed))
        .isEqualTo(Json.MAPPER.readTree(Json.write(IndexFile.of(entries))));
    assertThat(IndexCodec.read(streamed, "index/x")).isEqualTo(entries);
    assertThat(IndexCodec.read(IndexCodec.write(List.of()), "index/y")).isEmpty();
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

package io.volback.repo;

import io.volback.repo.crypto.Sealer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * PackBuilder collects stored blobs in memory until the pack is full, then finishes it into one
 * array of exactly the pack's size (no growing buffer, one copy).
 */
final class PackBuilder {
  private final List<byte[]> parts = new ArrayList<>();
  private final List<PackHeader.Blob> blobs = new ArrayList<>();
  private int size;

  void add(Id id, BlobType type, byte[] stored, int rawLength) {
    blobs.add(new PackHeader.Blob(id.hex(), type, size, stored.length, rawLength));
    parts.add(stored);
    size += stored.length;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return blobs.isEmpty();
  }

  FinishedPack finish(Sealer sealer) {
    byte[] header = sealer.seal(Json.write(new PackHeader(1, blobs)));
    ByteBuffer pack = ByteBuffer.allocate(size + header.length + 4);
    for (byte[] part : parts) {
      pack.put(part);
    }
    parts.clear();
    byte[] bytes = pack.put(header).putInt(header.length).array();
    Id packId = Id.sha256(bytes);
    List<IndexEntry> entries = new ArrayList<>(blobs.size());
    for (PackHeader.Blob b : blobs) {
      entries.add(new IndexEntry(Id.parse(b.id()), b.type(), packId, b.offset(), b.length(),
          b.rawLength()));
    }
    return new FinishedPack(packId, bytes, entries);
  }

  /** FinishedPack is a complete pack file ready for upload, with the index entries of its blobs. */
  record FinishedPack(Id id, byte[] bytes, List<IndexEntry> entries) {}
}

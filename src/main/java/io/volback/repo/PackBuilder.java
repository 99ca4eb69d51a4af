package io.volback.repo;

import io.volback.repo.crypto.Sealer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** PackBuilder collects stored blobs in memory until the pack is full, then finishes it. */
final class PackBuilder {
  private final ByteArrayOutputStream out;
  private final List<PackHeader.Blob> blobs = new ArrayList<>();

  PackBuilder(int expectedSize) {
    this.out = new ByteArrayOutputStream(expectedSize + (1 << 20));
  }

  void add(Id id, BlobType type, byte[] stored, int rawLength) {
    blobs.add(new PackHeader.Blob(id.hex(), type, out.size(), stored.length, rawLength));
    out.writeBytes(stored);
  }

  int size() {
    return out.size();
  }

  boolean isEmpty() {
    return blobs.isEmpty();
  }

  FinishedPack finish(Sealer sealer) {
    byte[] header = sealer.seal(Json.write(new PackHeader(1, blobs)));
    out.writeBytes(header);
    out.writeBytes(ByteBuffer.allocate(4).putInt(header.length).array());
    byte[] bytes = out.toByteArray();
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

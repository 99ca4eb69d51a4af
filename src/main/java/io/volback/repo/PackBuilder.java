package io.volback.repo;

import io.volback.repo.crypto.Sealer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PackBuilder seals blobs straight into one buffer until the pack is full, then appends the sealed
 * header and its length in place: a finished pack is that buffer's first length bytes, with no
 * further copy. Not thread-safe.
 */
final class PackBuilder {
  private final byte[] buffer;
  private final int packSize;
  private final List<PackHeader.Blob> blobs = new ArrayList<>();
  private int size;

  PackBuilder(byte[] buffer, int packSize) {
    this.buffer = buffer;
    this.packSize = packSize;
  }

  /**
   * Whether a blob of storedLength bytes fits: the blobs stay within the pack size (one blob may
   * exceed it alone), so that a restore reads a pack's data in one window, and the grown header
   * fits the buffer.
   */
  boolean fits(int storedLength) {
    return (blobs.isEmpty() || (long) size + storedLength <= packSize)
        && (long) size + storedLength + headerBound(blobs.size() + 1) <= buffer.length;
  }

  /** More than the sealed header of a pack of blobs takes, with its length field. */
  static int headerBound(int blobs) {
    return 512 + blobs * 192;
  }

  void add(Id id, BlobType type, BlobCodec codec, BlobCodec.Payload payload, int rawLength) {
    int stored = codec.sealInto(payload, buffer, size);
    blobs.add(new PackHeader.Blob(id.hex(), type, size, stored, rawLength));
    size += stored;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return blobs.isEmpty();
  }

  FinishedPack finish(Sealer sealer) {
    byte[] header = sealer.seal(Json.write(new PackHeader(1, blobs)));
    int length = size + header.length + 4;
    // Only a buffer given too small for even one blob (see fits) lacks room for the header.
    byte[] bytes = length <= buffer.length ? buffer : Arrays.copyOf(buffer, length);
    ByteBuffer.wrap(bytes, size, header.length + 4).put(header).putInt(header.length);
    Id packId = Id.sha256(bytes, 0, length);
    List<IndexEntry> entries = new ArrayList<>(blobs.size());
    for (PackHeader.Blob b : blobs) {
      entries.add(new IndexEntry(Id.parse(b.id()), b.type(), packId, b.offset(), b.length(),
          b.rawLength()));
    }
    return new FinishedPack(packId, bytes, length, entries);
  }

  /**
   * FinishedPack is a complete pack file, bytes[0, length), ready for upload, with the index
   * entries of its blobs.
   */
  record FinishedPack(Id id, byte[] bytes, int length, List<IndexEntry> entries) {}
}

package io.volback.repo.pack;

import io.volback.repo.BlobType;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import io.volback.repo.Json;
import io.volback.repo.crypto.AuthenticationFailedException;
import io.volback.repo.crypto.Sealer;
import io.volback.repo.index.IndexEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PackBuilder seals blobs straight into one buffer until the pack is full, then appends the sealed
 * header and its length in place: a finished pack is that buffer's first length bytes, with no
 * further copy. The header is decoded again from the finished bytes and compared with the blobs
 * before the pack may be uploaded (as restic does, with no way to skip it): a pack that does not
 * describe itself is never stored. Not thread-safe.
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
    blobs.add(new PackHeader.Blob(id, type, size, stored, rawLength));
    size += stored;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return blobs.isEmpty();
  }

  /** Seals the header into the pack; hook sees it before it is verified. */
  FinishedPack finish(Sealer sealer, HeaderHook hook) throws CorruptObjectException {
    byte[] header = sealer.seal(Json.write(new PackHeader(1, blobs)));
    int length = size + header.length + 4;
    // Only a buffer given too small for even one blob (see fits) lacks room for the header.
    byte[] bytes = length <= buffer.length ? buffer : Arrays.copyOf(buffer, length);
    ByteBuffer.wrap(bytes, size, header.length + 4).put(header).putInt(header.length);
    hook.sealed(bytes, size, header.length + 4);
    verifyHeader(sealer, bytes, length);
    Id packId = Id.sha256(bytes, 0, length);
    List<IndexEntry> entries = new ArrayList<>(blobs.size());
    for (PackHeader.Blob b : blobs) {
      entries.add(b.in(packId));
    }
    return new FinishedPack(packId, bytes, length, entries);
  }

  /** Decodes the header at the end of pack[0, length), as a reader would, and compares it. */
  private void verifyHeader(Sealer sealer, byte[] pack, int length) throws CorruptObjectException {
    int headerLength = ByteBuffer.wrap(pack, length - 4, 4).getInt();
    if (headerLength != length - 4 - size) {
      throw badHeader(
          "its length field says " + headerLength + " bytes, not " + (length - 4 - size));
    }
    PackHeader decoded;
    try {
      decoded =
          Json.read(sealer.open(pack, size, headerLength), PackHeader.class, "a new pack header");
    } catch (AuthenticationFailedException e) {
      throw badHeader("it does not authenticate");
    }
    if (decoded.version() != 1 || !blobs.equals(decoded.blobs())) {
      throw badHeader("it does not list the pack's blobs");
    }
  }

  private static CorruptObjectException badHeader(String why) {
    return new CorruptObjectException(
        "the header of a new pack does not decode (" + why + "); the pack was not stored");
  }

  /** HeaderHook sees the sealed header and length field, pack[off, off+len), of each pack. */
  @FunctionalInterface
  interface HeaderHook {
    HeaderHook NONE = (pack, off, len) -> {};

    void sealed(byte[] pack, int off, int len);
  }

  /**
   * FinishedPack is a complete pack file, bytes[0, length), ready for upload, with the index
   * entries of its blobs.
   */
  record FinishedPack(Id id, byte[] bytes, int length, List<IndexEntry> entries) {}
}

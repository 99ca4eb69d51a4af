package io.volback.maintenance;

import io.volback.repo.CorruptObjectException;
import io.volback.repo.Json;
import io.volback.repo.crypto.AuthenticationFailedException;
import io.volback.repo.crypto.Sealer;
import io.volback.repo.pack.PackHeader;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * PackHeaderReader reads a pack's header from its end: the last 4 bytes give the sealed header's
 * length, the sealed header precedes them. It fetches the pack's tail once, and the header again
 * only when it is longer than the tail.
 */
final class PackHeaderReader {
  private static final int TAIL = 64 << 10;

  /** Ranges reads length bytes of one pack at offset (from the store, or from bytes in memory). */
  interface Ranges {
    byte[] read(long offset, int length) throws IOException;
  }

  /** HeaderAt is a decoded header and where it starts in the pack (where blob data must end). */
  record HeaderAt(PackHeader header, long start) {}

  private PackHeaderReader() {}

  /** The header of the pack key of size bytes; CorruptObjectException says what is wrong. */
  static HeaderAt read(Sealer sealer, String key, long size, Ranges ranges) throws IOException {
    if (size < 4 + Sealer.OVERHEAD) {
      throw new CorruptObjectException(
          key + ": " + size + " bytes are too few to hold a pack header");
    }
    int tailLength = (int) Math.min(size, TAIL);
    byte[] tail = ranges.read(size - tailLength, tailLength);
    int headerLength = ByteBuffer.wrap(tail, tailLength - 4, 4).getInt();
    if (headerLength < Sealer.OVERHEAD || headerLength > size - 4) {
      throw new CorruptObjectException(
          key
              + ": the pack's last 4 bytes give a header of "
              + headerLength
              + " bytes, which does not fit a pack of "
              + size
              + " bytes (truncated or damaged)");
    }
    long start = size - 4 - headerLength;
    byte[] sealed;
    int offset;
    if (headerLength + 4 <= tailLength) {
      sealed = tail;
      offset = tailLength - 4 - headerLength;
    } else {
      sealed = ranges.read(start, headerLength);
      offset = 0;
    }
    try {
      byte[] json = sealer.open(sealed, offset, headerLength);
      PackHeader header = Json.read(json, PackHeader.class, key + ": the pack header");
      if (header.blobs() == null) {
        throw new CorruptObjectException(key + ": the pack header lists no blobs");
      }
      return new HeaderAt(header, start);
    } catch (AuthenticationFailedException e) {
      throw new CorruptObjectException(
          key + ": the pack header fails authentication (modified, damaged or truncated)");
    }
  }
}

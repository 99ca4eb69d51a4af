package io.volback.maintenance;

import io.volback.repo.BlobType;
import io.volback.repo.Id;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.pack.PackHeader;

/**
 * PackBlobs sums up the blobs a pack holds, as an index object or the pack's header lists them:
 * their number, where the last one ends and an order-independent digest of every (id, type, offset,
 * length, raw length). Two lists of a pack agree when their PackBlobs are equal, so a check
 * compares a header with the index without keeping the index's entries per pack.
 */
record PackBlobs(int count, long dataEnd, long digest) {
  static final PackBlobs EMPTY = new PackBlobs(0, 0, 0);

  PackBlobs plus(IndexEntry e) {
    return plus(e.blob(), e.type(), e.offset(), e.length(), e.rawLength());
  }

  PackBlobs plus(PackHeader.Blob b) {
    return plus(b.id(), b.type(), b.offset(), b.length(), b.rawLength());
  }

  private PackBlobs plus(Id id, BlobType type, long offset, int length, int rawLength) {
    return new PackBlobs(
        count + 1,
        Math.max(dataEnd, offset + length),
        digest + mix(id, type, offset, length, rawLength));
  }

  private static long mix(Id id, BlobType type, long offset, int length, int rawLength) {
    long h = id.a() ^ Long.rotateLeft(id.b(), 16) ^ Long.rotateLeft(id.c(), 32) ^ id.d();
    h = (h ^ type.ordinal()) * 0xBF58476D1CE4E5B9L;
    h = (h ^ offset) * 0x94D049BB133111EBL;
    h = (h ^ ((long) length << 32 | (rawLength & 0xffffffffL))) * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 31);
  }
}

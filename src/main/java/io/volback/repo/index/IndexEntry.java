package io.volback.repo.index;

import io.volback.repo.BlobType;
import io.volback.repo.Id;

/**
 * IndexEntry locates a blob: the pack holding it, its offset and stored length there, and the
 * length of its plaintext.
 */
public record IndexEntry(Id blob, BlobType type, Id pack, long offset, int length, int rawLength) {

  /** This blob's location in the given pack. */
  IndexEntry inPack(Id pack) {
    return new IndexEntry(blob, type, pack, offset, length, rawLength);
  }
}

package io.volback.repo.pack;

import io.volback.repo.BlobType;
import io.volback.repo.Id;
import io.volback.repo.index.IndexEntry;
import java.util.List;

/**
 * PackHeader lists the blobs of a pack file. It is stored sealed at the end of the pack, followed
 * by its sealed length as a 4-byte big-endian integer, so a pack describes itself without the
 * index.
 */
public record PackHeader(int version, List<Blob> blobs) {

  /** Blob is one blob of a pack: id and type, offset and stored length, plaintext length. */
  public record Blob(Id id, BlobType type, long offset, int length, int rawLength) {

    /** Where the index finds this blob once its pack is stored under packId. */
    public IndexEntry in(Id packId) {
      return new IndexEntry(id, type, packId, offset, length, rawLength);
    }
  }
}

package io.volback.maintenance;

import io.volback.repo.Id;
import io.volback.repo.index.IndexEntry;
import java.util.List;

/**
 * PackUsage is one pack as prune sees it: its size on storage, every blob the index lists in it,
 * the blobs prune keeps from this pack (used, and not kept from another copy), and the stored bytes
 * of used and of unused (unreferenced or duplicate) blobs.
 */
record PackUsage(Id id, long size, List<IndexEntry> entries, List<IndexEntry> kept, long used) {
  long unused() {
    long all = 0;
    for (IndexEntry e : entries) {
      all += e.length();
    }
    return all - used;
  }

  /** The unused share of the blobs' bytes, 0 to 1. */
  double unusedShare() {
    long all = used + unused();
    return all == 0 ? 1 : (double) unused() / all;
  }
}

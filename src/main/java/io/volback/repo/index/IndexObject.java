package io.volback.repo.index;

import java.util.List;

/** IndexObject is one stored index object: its key (index/<id>) and every entry it lists. */
public record IndexObject(String key, List<IndexEntry> entries) {
  public IndexObject {
    entries = List.copyOf(entries);
  }
}

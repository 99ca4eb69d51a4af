package io.volback.repo;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Index maps blob ids to their place in pack files. It also tracks blobs being stored right now, so
 * that a blob seen twice during one backup is stored once. Thread-safe.
 */
public final class Index {
  private final ConcurrentHashMap<Id, IndexEntry> entries = new ConcurrentHashMap<>();
  private final Set<Id> pending = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<Id, Long> packDataEnd = new ConcurrentHashMap<>();

  public Optional<IndexEntry> lookup(Id blob) {
    return Optional.ofNullable(entries.get(blob));
  }

  public boolean has(Id blob) {
    return entries.containsKey(blob);
  }

  /** Claims blob for storing; false when it is stored or being stored already. */
  boolean claim(Id blob) {
    return !entries.containsKey(blob) && pending.add(blob);
  }

  void addAll(Collection<IndexEntry> stored) {
    for (IndexEntry e : stored) {
      entries.put(e.blob(), e);
      pending.remove(e.blob());
      packDataEnd.merge(e.pack(), e.offset() + e.length(), Math::max);
    }
  }

  /** Where the blob data of pack ends (its header follows), as far as the index knows. */
  long packDataEnd(Id pack) {
    return packDataEnd.getOrDefault(pack, 0L);
  }

  public int size() {
    return entries.size();
  }

  public Collection<IndexEntry> entries() {
    return entries.values();
  }
}

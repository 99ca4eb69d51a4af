package io.volback.repo.index;

import io.volback.repo.BlobType;
import io.volback.repo.Id;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Index maps blob ids to their place in pack files: the blobs of index objects that are on storage,
 * and nothing else (a backup keeps what it stores until its index object is written in a BlobSaver
 * of its own, so a failed backup leaves nothing here). Thread-safe.
 *
 * <p>Memory is ~70 bytes a blob, whatever the number of blobs: entries live in parallel primitive
 * arrays (the id as four longs), found through an open-addressing table of entry numbers, and each
 * pack id is kept once. A map of records would take ~200 bytes a blob, and a volume of 100,000
 * small files has as many blobs.
 */
public final class Index {
  private static final BlobType[] TYPES = BlobType.values();
  private static final int INITIAL = 64;

  private long[] ids = new long[INITIAL * 4];
  private int[] packs = new int[INITIAL];
  private long[] offsets = new long[INITIAL];
  private int[] lengths = new int[INITIAL];
  private int[] rawLengths = new int[INITIAL];
  private byte[] types = new byte[INITIAL];
  private int size;
  // Entry number + 1 per slot, 0 for free; a power of two in length, at most half full.
  private int[] slots = new int[2 * INITIAL];

  private final List<Id> packIds = new ArrayList<>();
  private final Map<Id, Integer> packNumbers = new HashMap<>();
  private long[] packDataEnd = new long[16];

  public synchronized Optional<IndexEntry> lookup(Id blob) {
    int slot = find(blob);
    return slot < 0 ? Optional.empty() : Optional.of(entry(slots[slot] - 1));
  }

  public synchronized boolean has(Id blob) {
    return find(blob) >= 0;
  }

  /** Adds entries; a blob indexed already keeps its first place (any copy will do). */
  public synchronized void addAll(Collection<IndexEntry> entries) {
    entries.forEach(this::addOne);
  }

  public synchronized void add(IndexEntry e) {
    addOne(e);
  }

  /** Where the blob data of pack ends (its header follows), as far as the index knows. */
  public synchronized long packDataEnd(Id pack) {
    Integer n = packNumbers.get(pack);
    return n == null ? 0L : packDataEnd[n];
  }

  /**
   * The entries this index holds for the given packs, in no particular order: one scan of every
   * entry, for the rare packs that need it (damaged ones). A blob indexed in another pack first is
   * not listed.
   */
  public synchronized List<IndexEntry> entriesIn(java.util.Set<Id> wanted) {
    java.util.BitSet numbers = new java.util.BitSet();
    for (Id pack : wanted) {
      Integer n = packNumbers.get(pack);
      if (n != null) {
        numbers.set(n);
      }
    }
    List<IndexEntry> out = new ArrayList<>();
    for (int n = 0; !numbers.isEmpty() && n < size; n++) {
      if (numbers.get(packs[n])) {
        out.add(entry(n));
      }
    }
    return out;
  }

  /** The packs whose every indexed blob is of type (packs hold one type each as written). */
  public synchronized java.util.Set<Id> packsOnlyOf(BlobType type) {
    java.util.BitSet of = new java.util.BitSet();
    java.util.BitSet other = new java.util.BitSet();
    for (int n = 0; n < size; n++) {
      (types[n] == type.ordinal() ? of : other).set(packs[n]);
    }
    of.andNot(other);
    java.util.Set<Id> out = new java.util.HashSet<>();
    of.stream().forEach(n -> out.add(packIds.get(n)));
    return out;
  }

  public synchronized int size() {
    return size;
  }

  private void addOne(IndexEntry e) {
    int pack = packNumber(e.pack());
    packDataEnd[pack] = Math.max(packDataEnd[pack], e.offset() + e.length());
    int slot = find(e.blob());
    if (slot >= 0) {
      return;
    }
    if (size == packs.length) {
      growEntries();
    }
    Id id = e.blob();
    int n = size++;
    ids[4 * n] = id.a();
    ids[4 * n + 1] = id.b();
    ids[4 * n + 2] = id.c();
    ids[4 * n + 3] = id.d();
    packs[n] = pack;
    offsets[n] = e.offset();
    lengths[n] = e.length();
    rawLengths[n] = e.rawLength();
    types[n] = (byte) e.type().ordinal();
    if (2 * size > slots.length) {
      rehash(2 * slots.length);
    } else {
      slots[-1 - slot] = n + 1;
    }
  }

  private int packNumber(Id pack) {
    Integer n = packNumbers.get(pack);
    if (n != null) {
      return n;
    }
    int next = packIds.size();
    packIds.add(pack);
    packNumbers.put(pack, next);
    if (next == packDataEnd.length) {
      packDataEnd = Arrays.copyOf(packDataEnd, 2 * next);
    }
    return next;
  }

  private IndexEntry entry(int n) {
    Id id = new Id(ids[4 * n], ids[4 * n + 1], ids[4 * n + 2], ids[4 * n + 3]);
    return new IndexEntry(
        id, TYPES[types[n]], packIds.get(packs[n]), offsets[n], lengths[n], rawLengths[n]);
  }

  /** The slot holding blob, or -1 - the free slot where it would go. */
  private int find(Id blob) {
    int mask = slots.length - 1;
    for (int i = hash(blob.a()) & mask; ; i = (i + 1) & mask) {
      int e = slots[i];
      if (e == 0) {
        return -1 - i;
      }
      int k = 4 * (e - 1);
      if (ids[k] == blob.a()
          && ids[k + 1] == blob.b()
          && ids[k + 2] == blob.c()
          && ids[k + 3] == blob.d()) {
        return i;
      }
    }
  }

  private static int hash(long a) {
    long h = a * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32);
  }

  private void rehash(int capacity) {
    slots = new int[capacity];
    int mask = capacity - 1;
    for (int n = 0; n < size; n++) {
      int i = hash(ids[4 * n]) & mask;
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = n + 1;
    }
  }

  private void growEntries() {
    int capacity = packs.length + (packs.length >> 1);
    ids = Arrays.copyOf(ids, 4 * capacity);
    packs = Arrays.copyOf(packs, capacity);
    offsets = Arrays.copyOf(offsets, capacity);
    lengths = Arrays.copyOf(lengths, capacity);
    rawLengths = Arrays.copyOf(rawLengths, capacity);
    types = Arrays.copyOf(types, capacity);
  }
}

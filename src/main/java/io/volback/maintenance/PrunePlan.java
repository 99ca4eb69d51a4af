package io.volback.maintenance;

import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.index.IndexObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * PrunePlan decides what a prune does, from the index objects, the packs in data/ and the used
 * blobs: each used blob is kept from one pack (preferring packs with the fewest unreferenced bytes,
 * so that duplicates leave the packs that go anyway); packs that keep nothing are deleted, as are
 * packs no index lists (left by interrupted backups); partly used packs are repacked, the largest
 * unused share first, until the unused bytes left are within MaxUnused. The new index lists every
 * blob of the packs that stay, and the repacked blobs in their new packs.
 */
public final class PrunePlan {
  private final List<PackUsage> deleted = new ArrayList<>();
  private final List<PackUsage> repacked = new ArrayList<>();
  private final List<PackUsage> kept = new ArrayList<>();
  private final Map<Id, Long> orphans = new TreeMap<>();
  private final Set<Id> missingPacks = new HashSet<>();
  private long usedBytes;
  private long unusedBefore;
  private long unusedAfter;

  private PrunePlan() {}

  /** The plan for a repository with these index objects, packs (id to size) and used blobs. */
  static PrunePlan make(
      List<IndexObject> indexObjects, Map<Id, Long> packFiles, Set<Id> used, MaxUnused max)
      throws PruneRefusedException {
    PrunePlan plan = new PrunePlan();
    Map<Id, Map<Id, IndexEntry>> packs = new LinkedHashMap<>();
    for (IndexObject object : indexObjects) {
      for (IndexEntry e : object.entries()) {
        if (packFiles.containsKey(e.pack())) {
          packs.computeIfAbsent(e.pack(), p -> new LinkedHashMap<>()).putIfAbsent(e.blob(), e);
        } else {
          plan.missingPacks.add(e.pack());
        }
      }
    }
    packFiles.forEach(
        (pack, size) -> {
          if (!packs.containsKey(pack)) {
            plan.orphans.put(pack, size);
          }
        });
    plan.assign(packs, packFiles, used);
    plan.chooseRepacks(max);
    return plan;
  }

  private void assign(Map<Id, Map<Id, IndexEntry>> packs, Map<Id, Long> packFiles, Set<Id> used)
      throws PruneRefusedException {
    Map<Id, Long> unreferenced = new LinkedHashMap<>();
    packs.forEach(
        (pack, blobs) ->
            unreferenced.put(
                pack,
                blobs.values().stream()
                    .filter(e -> !used.contains(e.blob()))
                    .mapToLong(IndexEntry::length)
                    .sum()));
    List<Id> order = new ArrayList<>(packs.keySet());
    order.sort(Comparator.comparing((Id p) -> unreferenced.get(p)).thenComparing(Id::hex));
    Set<Id> assigned = new HashSet<>();
    for (Id pack : order) {
      List<IndexEntry> entries = List.copyOf(packs.get(pack).values());
      List<IndexEntry> keep = new ArrayList<>();
      long packUsed = 0;
      for (IndexEntry e : entries) {
        if (used.contains(e.blob()) && assigned.add(e.blob())) {
          keep.add(e);
          packUsed += e.length();
        }
      }
      PackUsage usage = new PackUsage(pack, packFiles.get(pack), entries, keep, packUsed);
      usedBytes += packUsed;
      unusedBefore += usage.unused();
      if (packUsed == 0) {
        deleted.add(usage);
      } else {
        kept.add(usage);
      }
    }
    orphans.values().forEach(size -> unusedBefore += size);
    if (assigned.size() < used.size()) {
      Set<Id> missing = new HashSet<>(used);
      missing.removeAll(assigned);
      throw new PruneRefusedException(
          "prune refused: "
              + missing.size()
              + " blob(s) that snapshots reference are in no pack of the repository (e.g. "
              + missing.iterator().next().shortHex()
              + "); the repository is damaged, nothing is deleted");
    }
  }

  private void chooseRepacks(MaxUnused max) {
    List<PackUsage> candidates = new ArrayList<>();
    long remaining = 0;
    for (PackUsage p : kept) {
      if (p.unused() > 0) {
        candidates.add(p);
        remaining += p.unused();
      }
    }
    candidates.sort(
        Comparator.comparingDouble(PackUsage::unusedShare)
            .reversed()
            .thenComparing(Comparator.comparingLong(PackUsage::unused).reversed())
            .thenComparing((PackUsage p) -> p.id().hex()));
    long limit = max.limit(usedBytes);
    for (PackUsage p : candidates) {
      if (remaining <= limit) {
        break;
      }
      repacked.add(p);
      remaining -= p.unused();
    }
    kept.removeAll(repacked);
    unusedAfter = remaining;
  }

  /** Whether the index must be rewritten: packs go, or it lists packs that are not there. */
  boolean changesIndex() {
    return !deleted.isEmpty() || !repacked.isEmpty() || !missingPacks.isEmpty();
  }

  boolean isEmpty() {
    return !changesIndex() && orphans.isEmpty();
  }

  /** The packs deleted outright: indexed ones that keep nothing, then orphans. */
  List<Id> packsToDelete() {
    List<Id> ids = new ArrayList<>();
    deleted.forEach(p -> ids.add(p.id()));
    repacked.forEach(p -> ids.add(p.id()));
    ids.addAll(orphans.keySet());
    return ids;
  }

  /** The used blobs to copy into new packs, pack by pack. */
  List<IndexEntry> blobsToRepack() {
    List<IndexEntry> out = new ArrayList<>();
    repacked.forEach(p -> out.addAll(p.kept()));
    return out;
  }

  /** Every blob of the packs that stay, as the new index lists them. */
  List<IndexEntry> keptEntries() {
    List<IndexEntry> out = new ArrayList<>();
    kept.forEach(p -> out.addAll(p.entries()));
    return out;
  }

  /** What this plan does, before it is carried out (bytes written by repacking estimated). */
  PruneResult estimate(boolean dryRun) {
    long repackedUsed = repacked.stream().mapToLong(PackUsage::used).sum();
    return result(dryRun, repackedUsed);
  }

  /** What this plan did, with the bytes the new packs took. */
  PruneResult result(boolean dryRun, long bytesWritten) {
    long deletedBytes = 0;
    for (PackUsage p : deleted) {
      deletedBytes += p.size();
    }
    long repackedBytes = 0;
    for (PackUsage p : repacked) {
      repackedBytes += p.size();
    }
    long orphanBytes = orphans.values().stream().mapToLong(Long::longValue).sum();
    return new PruneResult(
        dryRun,
        deleted.size() + orphans.size(),
        orphans.size(),
        repacked.size(),
        blobsToRepack().size(),
        missingPacks.size(),
        deletedBytes + orphanBytes + repackedBytes - bytesWritten,
        usedBytes,
        unusedBefore,
        unusedAfter,
        names(deleted, orphans.keySet()),
        names(repacked, Set.of()));
  }

  private static List<String> names(List<PackUsage> packs, Set<Id> more) {
    List<String> out = new ArrayList<>();
    packs.forEach(p -> out.add(RepoLayout.pack(p.id())));
    more.forEach(id -> out.add(RepoLayout.pack(id)));
    return out;
  }
}

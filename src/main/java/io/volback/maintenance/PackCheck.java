package io.volback.maintenance;

import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.pack.PackHeader;
import io.volback.store.ObjectInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PackCheck compares the packs in the store's listing with the index: every indexed pack must
 * exist, be long enough for the blobs the index places in it, and have a header that lists the same
 * blobs at the same offsets and lengths. Packs no index lists are orphans, reported as info: an
 * interrupted backup leaves them and prune removes them. The blobs of a missing or truncated pack
 * are recorded as damaged, so that the snapshots needing them can be named.
 */
final class PackCheck {
  private final Repository repo;
  private final LoadedIndex loaded;
  private final Findings findings;
  private final CheckListener listener;
  private final Map<Id, Findings.Draft> unreadable = new HashMap<>();
  private final Map<Id, Long> truncatedSizes = new HashMap<>();
  private int orphans;

  PackCheck(Repository repo, LoadedIndex loaded, Findings findings, CheckListener listener) {
    this.repo = repo;
    this.loaded = loaded;
    this.findings = findings;
    this.listener = listener;
  }

  /** Checks every pack's presence, size and header; returns those whose data can be read. */
  List<ObjectInfo> run() throws IOException {
    Map<Id, ObjectInfo> stored = storedPacks();
    List<ObjectInfo> readable = new ArrayList<>();
    listener.stepStarted("packs", -1);
    for (IndexedPack pack : sorted(loaded.packs().values())) {
      ObjectInfo info = stored.remove(pack.id());
      if (info == null) {
        unreadable.put(
            pack.id(),
            findings.error(
                RepoLayout.pack(pack.id()),
                "the pack is missing ("
                    + pack.blobs().count()
                    + " blobs indexed in "
                    + pack.indexKey()
                    + ")"));
      } else if (info.size() < pack.blobs().dataEnd()) {
        truncatedSizes.put(pack.id(), info.size());
        unreadable.put(
            pack.id(),
            findings.error(
                info.key(),
                "the pack has "
                    + info.size()
                    + " bytes, but the index places blobs up to byte "
                    + pack.blobs().dataEnd()
                    + " (truncated)"));
      } else {
        checkHeader(pack, info);
        readable.add(info);
      }
      listener.objectChecked(0);
    }
    for (ObjectInfo orphan : sortedByKey(stored.values())) {
      orphans++;
      findings.info(
          orphan.key(),
          "the pack is not in any index (left by an interrupted or concurrent backup; prune"
              + " removes it)");
    }
    markDamagedBlobs();
    listener.stepFinished("packs");
    return readable;
  }

  private static List<IndexedPack> sorted(java.util.Collection<IndexedPack> packs) {
    return packs.stream().sorted(java.util.Comparator.comparing(IndexedPack::id)).toList();
  }

  private static List<ObjectInfo> sortedByKey(java.util.Collection<ObjectInfo> infos) {
    return infos.stream().sorted(java.util.Comparator.comparing(ObjectInfo::key)).toList();
  }

  int orphans() {
    return orphans;
  }

  private Map<Id, ObjectInfo> storedPacks() throws IOException {
    Map<Id, ObjectInfo> byId = new HashMap<>();
    for (ObjectInfo info : repo.store().list(RepoLayout.DATA)) {
      Id id = packId(info.key());
      if (id == null) {
        findings.info(info.key(), "not a pack: the name is not data/<2 hex digits>/<pack id>");
      } else {
        byId.put(id, info);
      }
    }
    return byId;
  }

  private static Id packId(String key) {
    try {
      Id id = RepoLayout.idOf(key);
      return RepoLayout.pack(id).equals(key) ? id : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void checkHeader(IndexedPack pack, ObjectInfo info) throws IOException {
    PackHeaderReader.HeaderAt at;
    try {
      at =
          PackHeaderReader.read(
              repo.sealer(),
              info.key(),
              info.size(),
              (offset, length) -> repo.store().getRange(info.key(), offset, length));
    } catch (CorruptObjectException e) {
      findings.error(info.key(), e.getMessage());
      return;
    }
    PackBlobs header = PackBlobs.EMPTY;
    for (PackHeader.Blob b : at.header().blobs()) {
      header = header.plus(b);
    }
    if (!header.equals(pack.blobs())) {
      findings.error(
          info.key(),
          "the pack header lists "
              + header.count()
              + " blobs, "
              + pack.indexKey()
              + " "
              + pack.blobs().count()
              + (header.count() == pack.blobs().count() ? ", at other offsets, lengths or ids" : "")
              + ": the header and the index disagree");
    } else if (pack.blobs().dataEnd() > at.start()) {
      findings.error(
          info.key(),
          "blobs run up to byte "
              + pack.blobs().dataEnd()
              + ", into the pack header at byte "
              + at.start());
    }
  }

  private void markDamagedBlobs() {
    if (unreadable.isEmpty()) {
      return;
    }
    for (IndexEntry e : loaded.index().entriesIn(unreadable.keySet())) {
      Long size = truncatedSizes.get(e.pack());
      if (size == null || e.offset() + e.length() > size) {
        findings.damages(unreadable.get(e.pack()), e.blob());
      }
    }
  }
}

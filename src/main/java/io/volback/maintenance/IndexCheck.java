package io.volback.maintenance;

import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.index.Index;
import io.volback.repo.index.IndexCodec;
import io.volback.repo.index.IndexEntry;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IndexCheck reads every index object: each must be named by its hash, authenticate and decode. The
 * entries of those that do make the index the rest of the check uses; one that does not is an
 * error, and its packs then show up as orphans and its blobs as missing from the index. Two index
 * objects that list one pack differently are an error too.
 */
final class IndexCheck {
  private final Repository repo;
  private final Findings findings;
  private final CheckListener listener;

  IndexCheck(Repository repo, Findings findings, CheckListener listener) {
    this.repo = repo;
    this.findings = findings;
    this.listener = listener;
  }

  LoadedIndex run() throws IOException {
    List<ObjectInfo> objects = repo.store().list(RepoLayout.INDEX);
    listener.stepStarted("index", -1);
    Index index = new Index();
    Map<Id, IndexedPack> packs = new HashMap<>();
    int read = 0;
    for (ObjectInfo info : objects) {
      List<IndexEntry> entries = entries(info);
      listener.objectChecked(info.size());
      if (entries == null) {
        continue;
      }
      read++;
      index.addAll(entries);
      merge(info.key(), summarise(entries), packs);
    }
    listener.stepFinished("index");
    return new LoadedIndex(index, packs, read);
  }

  /** The entries of an index object, or null when it is damaged (a finding) or gone. */
  private List<IndexEntry> entries(ObjectInfo info) throws IOException {
    byte[] bytes;
    try (InputStream in = repo.store().get(info.key())) {
      bytes = in.readAllBytes();
    } catch (ObjectNotFoundException removedMeanwhile) {
      return null;
    }
    try {
      return IndexCodec.read(repo.unseal(info.key(), bytes), info.key());
    } catch (CorruptObjectException e) {
      findings.error(info.key(), e.getMessage());
      return null;
    }
  }

  private static Map<Id, PackBlobs> summarise(List<IndexEntry> entries) {
    Map<Id, PackBlobs> byPack = new HashMap<>();
    for (IndexEntry e : entries) {
      byPack.merge(e.pack(), PackBlobs.EMPTY.plus(e), (a, b) -> a.plus(e));
    }
    return byPack;
  }

  private void merge(String key, Map<Id, PackBlobs> listed, Map<Id, IndexedPack> packs) {
    listed.forEach(
        (pack, blobs) -> {
          IndexedPack known = packs.putIfAbsent(pack, new IndexedPack(pack, blobs, key));
          if (known != null && !known.blobs().equals(blobs)) {
            findings.error(
                key,
                "lists pack "
                    + pack.shortHex()
                    + " differently from "
                    + known.indexKey()
                    + " ("
                    + blobs.count()
                    + " blobs against "
                    + known.blobs().count()
                    + ")");
          }
        });
  }
}

package io.volback.maintenance;

import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.index.Index;
import io.volback.repo.index.IndexCodec;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.index.IndexObject;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.repo.pack.BlobData;
import io.volback.repo.pack.BlobLoader;
import io.volback.repo.pack.BlobSaver;
import io.volback.store.LocalFolderStore;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectStore;
import io.volback.store.RetryingStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pruner removes from a repository what no snapshot references, holding the exclusive lock
 * throughout and checking it is still held before each step that writes or deletes. The order
 * (repository-format.md, "How prune rewrites the index") keeps every snapshot restorable wherever
 * the process dies: new packs, then a new index listing every blob still used, then the index
 * objects it replaces, then the packs nothing lists any more.
 */
public final class Pruner {
  // Entries per index object, as a backup writes them.
  private static final int INDEX_MAX_BLOBS = 16_384;
  private static final int CHECK_EVERY = 100;
  private static final Duration TEMP_FILE_GRACE = Duration.ofHours(1);
  private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

  private final Repository repo;
  private final ObjectStore store;
  private final PruneListener listener;

  public Pruner(Repository repo, PruneListener listener) {
    this.repo = repo;
    this.store = repo.store();
    this.listener = listener;
  }

  /**
   * Prunes (or with dryRun only plans) under an exclusive lock, waiting at most lockWait for other
   * locks to go; refuses, deleting nothing, when a snapshot or index object cannot be read.
   */
  public PruneResult prune(MaxUnused max, boolean dryRun, Duration lockWait) throws IOException {
    try (RepositoryLock lock = repo.lock(LockMode.EXCLUSIVE, lockWait)) {
      Set<Id> used = UsedBlobs.of(repo, listener);
      List<IndexObject> before = repo.indexObjects();
      PrunePlan plan = PrunePlan.make(before, packFiles(), used, max);
      if (dryRun || plan.isEmpty()) {
        return plan.estimate(dryRun);
      }
      long written = 0;
      if (plan.changesIndex()) {
        lock.checkStillHeld();
        Set<String> oldKeys = keys(before);
        written = repack(plan.blobsToRepack());
        List<IndexEntry> newIndex = new ArrayList<>(plan.keptEntries());
        for (IndexObject o : repo.indexObjects()) {
          if (!oldKeys.contains(o.key())) {
            newIndex.addAll(o.entries());
          }
        }
        lock.checkStillHeld();
        Set<String> newKeys = writeIndex(newIndex);
        lock.checkStillHeld();
        deleteIndexObjectsBut(newKeys, lock);
      }
      lock.checkStillHeld();
      deletePacks(plan.packsToDelete(), lock);
      removeStaleTempFiles();
      return plan.result(false, written);
    }
  }

  /** Temporary files of killed writers in a folder repository (repository-format.md's rule). */
  private void removeStaleTempFiles() throws IOException {
    ObjectStore s = store instanceof RetryingStore retrying ? retrying.inner() : store;
    if (s instanceof LocalFolderStore folder) {
      int removed = folder.removeStaleTempFiles(TEMP_FILE_GRACE);
      if (removed > 0) {
        LOG.info("removed {} stale temporary files", removed);
      }
    }
  }

  /** The packs in data/, id to size; names that are not pack ids are not packs. */
  private Map<Id, Long> packFiles() throws IOException {
    Map<Id, Long> packs = new HashMap<>();
    for (ObjectInfo info : store.list(RepoLayout.DATA)) {
      try {
        packs.put(RepoLayout.idOf(info.key()), info.size());
      } catch (IllegalArgumentException notAPack) {
        // left alone
      }
    }
    return packs;
  }

  /** Copies blobs, each authenticated as it is read, into new packs; returns their bytes. */
  private long repack(List<IndexEntry> blobs) throws IOException {
    if (blobs.isEmpty()) {
      return 0;
    }
    listener.phase("repacking", blobs.size());
    Index from = new Index();
    from.addAll(blobs);
    BlobLoader loader = repo.newBlobLoader(from);
    // An empty index of known blobs: every blob is stored again, in a new pack.
    try (BlobSaver saver = repo.newBlobSaver(new Index())) {
      for (IndexEntry e : blobs) {
        BlobData data = loader.load(e.blob());
        saver.save(e.type(), data.bytes(), data.offset(), data.length());
        listener.done(e.length());
      }
      saver.flush();
      listener.phaseFinished();
      return saver.stats().storedBytes();
    }
  }

  /** Writes entries as new index objects; returns their keys. */
  private Set<String> writeIndex(List<IndexEntry> entries) throws IOException {
    listener.phase("writing index", (entries.size() + INDEX_MAX_BLOBS - 1) / INDEX_MAX_BLOBS);
    Set<String> keys = new HashSet<>();
    for (int from = 0; from < entries.size(); from += INDEX_MAX_BLOBS) {
      List<IndexEntry> part =
          entries.subList(from, Math.min(entries.size(), from + INDEX_MAX_BLOBS));
      byte[] sealed = repo.sealer().seal(IndexCodec.write(part));
      String key = RepoLayout.index(Id.sha256(sealed));
      store.put(key, sealed);
      keys.add(key);
      listener.done(sealed.length);
    }
    listener.phaseFinished();
    return keys;
  }

  private void deleteIndexObjectsBut(Set<String> keep, RepositoryLock lock) throws IOException {
    List<ObjectInfo> old = new ArrayList<>();
    for (ObjectInfo info : store.list(RepoLayout.INDEX)) {
      if (!keep.contains(info.key())) {
        old.add(info);
      }
    }
    listener.phase("deleting index objects", old.size());
    for (int i = 0; i < old.size(); i++) {
      ObjectInfo info = old.get(i);
      checkEvery(i, lock);
      store.delete(info.key());
      listener.done(info.size());
    }
    listener.phaseFinished();
  }

  private void deletePacks(List<Id> packs, RepositoryLock lock) throws IOException {
    listener.phase("deleting packs", packs.size());
    for (int i = 0; i < packs.size(); i++) {
      checkEvery(i, lock);
      store.delete(RepoLayout.pack(packs.get(i)));
      listener.done(0);
    }
    listener.phaseFinished();
  }

  /** Checks the lock again every CHECK_EVERY deletes: a long run of deletes must not outlive it. */
  private static void checkEvery(int i, RepositoryLock lock) throws IOException {
    if (i > 0 && i % CHECK_EVERY == 0) {
      lock.checkStillHeld();
    }
  }

  private static Set<String> keys(List<IndexObject> objects) {
    Set<String> keys = new HashSet<>();
    objects.forEach(o -> keys.add(o.key()));
    return keys;
  }
}

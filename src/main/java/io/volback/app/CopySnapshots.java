package io.volback.app;

import io.volback.repo.BlobType;
import io.volback.repo.Id;
import io.volback.repo.Repository;
import io.volback.repo.SnapshotNotFoundException;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.repo.pack.BlobCodec;
import io.volback.repo.pack.BlobData;
import io.volback.repo.pack.BlobLoader;
import io.volback.repo.pack.BlobSaver;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.repo.snapshot.SnapshotList;
import io.volback.repo.snapshot.SnapshotSelector;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import io.volback.repo.tree.TreeWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * CopySnapshots copies snapshots into a second repository (restic's copy). Blob ids are keyed by
 * each repository's own key, so every blob of the source is decrypted, its id computed under the
 * target's key and stored only when the target lacks it; the trees are written anew with the new
 * ids. Per snapshot the order is packs, index, snapshot: a crash leaves only unreferenced data. A
 * copied snapshot records its original; one whose original is in the target already is skipped.
 */
public final class CopySnapshots {
  private final Repository source;
  private final Repository target;
  private final CopyListener listener;

  public CopySnapshots(Repository source, Repository target, CopyListener listener) {
    this.source = source;
    this.target = target;
    this.listener = listener;
  }

  /**
   * Copies the snapshots refs name (ids, prefixes, latest), or with no refs every snapshot filter
   * selects, oldest first. Both repositories are locked shared meanwhile.
   */
  public CopyResult run(List<String> refs, SnapshotFilter filter, boolean dryRun)
      throws IOException {
    if (source.config().id().equals(target.config().id())) {
      throw new UsageException(
          "the target repository "
              + target.store().location()
              + " is the source repository: copy needs a second repository");
    }
    try (RepositoryLock sourceLock = source.lock(LockMode.SHARED);
        RepositoryLock targetLock = target.lock(LockMode.SHARED)) {
      List<StoredSnapshot> selected = select(refs, filter);
      Map<String, String> copies = copiesInTarget();
      List<CopyResult.Copied> outcomes = new ArrayList<>();
      Totals totals = new Totals();
      for (StoredSnapshot s : selected) {
        String original = s.snapshot().originalOr(s.id().hex());
        CopyResult.Copied outcome;
        if (copies.containsKey(original)) {
          outcome = outcome(s, CopyResult.Status.SKIPPED, null, copies.get(original), 0, 0);
        } else if (dryRun) {
          outcome = outcome(s, CopyResult.Status.WOULD_COPY, null, null, 0, 0);
        } else {
          outcome = copy(s, original, copies, targetLock, totals);
          copies.put(original, outcome.targetId());
        }
        outcomes.add(outcome);
        listener.snapshotFinished(outcome);
      }
      return new CopyResult(
          outcomes,
          totals.dataBlobs,
          totals.dataBytes,
          totals.treeBlobs,
          totals.packs,
          totals.storedBytes,
          dryRun);
    }
  }

  private List<StoredSnapshot> select(List<String> refs, SnapshotFilter filter) throws IOException {
    SnapshotList all = source.snapshotList();
    if (refs.isEmpty()) {
      return all.snapshots().stream().filter(s -> filter.matches(s.snapshot())).toList();
    }
    Map<Id, StoredSnapshot> chosen = new LinkedHashMap<>();
    for (String ref : refs) {
      StoredSnapshot s = SnapshotSelector.select(all, ref, filter);
      chosen.putIfAbsent(s.id(), s);
    }
    if (chosen.isEmpty()) {
      throw new SnapshotNotFoundException("no snapshot" + filter.describe() + " to copy");
    }
    return chosen.values().stream()
        .sorted(
            Comparator.comparing((StoredSnapshot s) -> s.snapshot().time())
                .thenComparing(StoredSnapshot::id))
        .toList();
  }

  /** The target's snapshots by the original id they hold (their own id when not copies). */
  private Map<String, String> copiesInTarget() throws IOException {
    Map<String, String> byOriginal = new HashMap<>();
    for (StoredSnapshot s : target.snapshots()) {
      byOriginal.putIfAbsent(s.snapshot().originalOr(s.id().hex()), s.id().hex());
    }
    return byOriginal;
  }

  private CopyResult.Copied copy(
      StoredSnapshot s,
      String original,
      Map<String, String> copies,
      RepositoryLock targetLock,
      Totals totals)
      throws IOException {
    listener.snapshotStarted(s, s.snapshot().stats() == null ? -1 : s.snapshot().stats().bytes());
    BlobLoader loader = source.newSequentialBlobLoader();
    try (BlobSaver saver = target.newCompactBlobSaver()) {
      ContentCopier content = new ContentCopier(loader, saver);
      TreeReader reader = new TreeReader(loader, s.snapshot().treeIds());
      TreeWriter writer = new TreeWriter(target.chunker(), saver);
      for (TreeNode node = reader.next(); node != null; node = reader.next()) {
        writer.add(new TreeNode(node.entry(), content.copy(node.contentIds())));
      }
      List<String> tree = writer.finish().stream().map(Id::hex).toList();
      saver.flush();
      targetLock.checkStillHeld();
      String parent = s.snapshot().parent() == null ? null : copies.get(s.snapshot().parent());
      StoredSnapshot stored = target.saveSnapshot(s.snapshot().copiedAs(tree, parent, original));
      long dataBlobs = saver.newBlobs(BlobType.DATA);
      totals.dataBlobs += dataBlobs;
      totals.dataBytes += saver.newRawBytes(BlobType.DATA);
      totals.treeBlobs += saver.newBlobs(BlobType.TREE);
      totals.packs += saver.stats().packsUploaded();
      totals.storedBytes += saver.stats().storedBytes();
      return outcome(
          s,
          CopyResult.Status.COPIED,
          stored.id().hex(),
          null,
          dataBlobs,
          saver.stats().storedBytes());
    }
  }

  private static CopyResult.Copied outcome(
      StoredSnapshot s,
      CopyResult.Status status,
      String targetId,
      String existing,
      long dataBlobs,
      long bytes) {
    return new CopyResult.Copied(
        s.id().hex(), s.snapshot().source().name(), status, targetId, existing, dataBlobs, bytes);
  }

  /**
   * ContentCopier moves DATA blobs from the source into the target saver, each once per snapshot:
   * the target ids of blobs seen before come from a map, new ones are hashed on the saver's workers
   * while the next blob is read.
   */
  private final class ContentCopier {
    private final BlobLoader loader;
    private final BlobSaver saver;
    private final BlobCodec.DecodeBuffers buffers = new BlobCodec.DecodeBuffers();
    private final Map<Id, CompletableFuture<Id>> ids = new HashMap<>();

    ContentCopier(BlobLoader loader, BlobSaver saver) {
      this.loader = loader;
      this.saver = saver;
    }

    List<Id> copy(List<Id> sourceIds) throws IOException {
      if (sourceIds.isEmpty()) {
        return sourceIds;
      }
      List<CompletableFuture<Id>> pending = new ArrayList<>(sourceIds.size());
      for (Id id : sourceIds) {
        CompletableFuture<Id> targetId = ids.get(id);
        if (targetId == null) {
          BlobData blob = loader.load(id, buffers);
          targetId = saver.saveAsync(BlobType.DATA, blob.bytes(), blob.offset(), blob.length());
          listener.bytesCopied(blob.length());
          ids.put(id, targetId);
        }
        pending.add(targetId);
      }
      List<Id> out = new ArrayList<>(pending.size());
      for (CompletableFuture<Id> f : pending) {
        out.add(join(f));
      }
      return out;
    }

    private Id join(CompletableFuture<Id> f) throws IOException {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while copying data");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        if (cause instanceof UncheckedIOException u) {
          throw u.getCause();
        }
        throw new IOException("copying a blob failed: " + cause, cause);
      }
    }
  }

  /** Totals sums what the target received over the snapshots copied. */
  private static final class Totals {
    long dataBlobs;
    long dataBytes;
    long treeBlobs;
    long packs;
    long storedBytes;
  }
}

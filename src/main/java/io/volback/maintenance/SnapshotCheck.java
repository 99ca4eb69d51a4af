package io.volback.maintenance;

import io.volback.repo.BlobType;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.pack.BlobLoader;
import io.volback.repo.snapshot.SnapshotList;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import io.volback.store.ObjectNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * SnapshotCheck reads every snapshot object (named by its hash, authenticated, decoded) and walks
 * each snapshot's tree, one TREE blob at a time: every tree blob must load and verify, and every
 * blob a file references must be in the index as a DATA blob. A file that needs a blob an earlier
 * step found damaged is added, with its snapshot, to that step's finding.
 */
final class SnapshotCheck {
  private final Repository repo;
  private final LoadedIndex loaded;
  private final Findings findings;
  private final CheckListener listener;
  private final BlobLoader loader;

  SnapshotCheck(Repository repo, LoadedIndex loaded, Findings findings, CheckListener listener) {
    this.repo = repo;
    this.loaded = loaded;
    this.findings = findings;
    this.listener = listener;
    this.loader =
        new BlobLoader(repo.store(), repo.codec(), loaded.index(), repo.config().packSize());
  }

  /** Checks every snapshot; returns how many snapshot objects there are. */
  int run() throws IOException {
    SnapshotList list = repo.snapshotList();
    for (SnapshotList.Damaged d : list.damaged()) {
      findings.error(d.key(), d.problem());
    }
    listener.stepStarted("snapshots", -1);
    for (StoredSnapshot s : list.snapshots()) {
      walk(s);
      listener.objectChecked(0);
    }
    listener.stepFinished("snapshots");
    return list.snapshots().size() + list.damaged().size();
  }

  private void walk(StoredSnapshot s) throws IOException {
    String key = RepoLayout.snapshot(s.id());
    List<Id> trees;
    try {
      trees = s.snapshot().treeIds();
    } catch (IllegalArgumentException e) {
      findings.error(key, "the snapshot's tree ids are not valid: " + e.getMessage());
      return;
    }
    if (!treeBlobsIndexed(s, key, trees)) {
      return;
    }
    MissingBlobs missing = new MissingBlobs();
    TreeReader reader = new TreeReader(loader, trees);
    String last = null;
    try {
      for (TreeNode node = reader.next(); node != null; node = reader.next()) {
        last = node.entry().path();
        for (Id blob : node.contentIds()) {
          checkContentBlob(s, blob, last, missing);
        }
      }
    } catch (CorruptObjectException | ObjectNotFoundException e) {
      treeUnreadable(s, key, trees, last, e);
    }
    missing.report(s, key);
  }

  /** Whether every tree blob is indexed and undamaged; a finding says why not. */
  private boolean treeBlobsIndexed(StoredSnapshot s, String key, List<Id> trees) {
    for (Id tree : trees) {
      Findings.Draft damage = findings.damageOf(tree);
      if (damage != null) {
        damage.affects(s.id());
        return false;
      }
      Optional<IndexEntry> entry = loaded.index().lookup(tree);
      if (entry.isEmpty() || entry.get().type() != BlobType.TREE) {
        findings
            .error(
                key,
                "tree blob "
                    + tree.shortHex()
                    + (entry.isEmpty() ? " is not in the index" : " is indexed as a DATA blob")
                    + ": the snapshot's files cannot be listed")
            .affects(s.id());
        return false;
      }
    }
    return true;
  }

  private void checkContentBlob(StoredSnapshot s, Id blob, String path, MissingBlobs missing) {
    Findings.Draft damage = findings.damageOf(blob);
    if (damage != null) {
      damage.affects(s.id(), path);
      return;
    }
    Optional<IndexEntry> entry = loaded.index().lookup(blob);
    if (entry.isEmpty() || entry.get().type() != BlobType.DATA) {
      missing.add(path);
    }
  }

  /**
   * The walk failed: finds the tree blob that does not load (its pack names the finding), or blames
   * the snapshot when every blob loads but a tree line does not decode.
   */
  private void treeUnreadable(
      StoredSnapshot s, String key, List<Id> trees, String last, IOException failure)
      throws IOException {
    String where = last == null ? "" : " after " + last;
    for (Id tree : trees) {
      try {
        loader.load(tree);
      } catch (CorruptObjectException | ObjectNotFoundException e) {
        String pack = RepoLayout.pack(loaded.index().lookup(tree).orElseThrow().pack());
        Findings.Draft d =
            findings.error(
                pack, e.getMessage() + " (a tree blob: the files" + where + " cannot be listed)");
        findings.damages(d, tree);
        d.affects(s.id());
        return;
      }
    }
    findings
        .error(key, "the snapshot's tree cannot be read" + where + ": " + failure.getMessage())
        .affects(s.id());
  }

  /** MissingBlobs collects the paths of one snapshot whose blobs are not indexed. */
  private final class MissingBlobs {
    private final java.util.Set<String> paths = new java.util.LinkedHashSet<>();
    private long blobs;

    void add(String path) {
      blobs++;
      if (paths.size() <= Findings.MAX_PATHS) {
        paths.add(path);
      }
    }

    void report(StoredSnapshot s, String key) {
      if (blobs == 0) {
        return;
      }
      Findings.Draft d =
          findings.error(
              key,
              blobs
                  + (blobs == 1 ? " blob" : " blobs")
                  + " the snapshot's files reference "
                  + (blobs == 1 ? "is" : "are")
                  + " not in the index as DATA");
      paths.forEach(p -> d.affects(s.id(), p));
    }
  }
}

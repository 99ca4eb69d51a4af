package io.volback.maintenance;

import io.volback.repo.Id;
import io.volback.repo.Repository;
import io.volback.repo.pack.BlobLoader;
import io.volback.repo.snapshot.SnapshotList;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * UsedBlobs finds every blob a snapshot references: its TREE blobs and the DATA blobs its tree
 * nodes list. A snapshot or tree that cannot be read makes it refuse: what such a snapshot
 * references cannot be told, and deleting it would destroy data.
 */
final class UsedBlobs {
  private UsedBlobs() {}

  static Set<Id> of(Repository repo, PruneListener listener) throws IOException {
    SnapshotList list = repo.snapshotList();
    if (!list.damaged().isEmpty()) {
      SnapshotList.Damaged d = list.damaged().get(0);
      throw new PruneRefusedException(
          "prune refused: "
              + d.problem()
              + (list.damaged().size() > 1 ? " (and " + (list.damaged().size() - 1) + " more)" : "")
              + "; what a damaged snapshot references cannot be told, so nothing is deleted."
              + " Remove the damaged snapshot object ("
              + d.key()
              + ") if it cannot be repaired, then prune again");
    }
    listener.phase("checking snapshots", list.snapshots().size());
    Set<Id> used = new HashSet<>();
    BlobLoader loader = repo.newBlobLoader();
    for (StoredSnapshot s : list.snapshots()) {
      try {
        used.addAll(s.snapshot().treeIds());
        TreeReader reader = new TreeReader(loader, s.snapshot().treeIds());
        for (TreeNode node = reader.next(); node != null; node = reader.next()) {
          used.addAll(node.contentIds());
        }
      } catch (IOException | RuntimeException e) {
        throw new PruneRefusedException(
            "prune refused: the tree of snapshot "
                + s.id().shortHex()
                + " cannot be read ("
                + e.getMessage()
                + "); nothing is deleted while what it references cannot be told");
      }
      listener.done(0);
    }
    listener.phaseFinished();
    return used;
  }
}

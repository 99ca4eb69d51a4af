package io.volback.restore;

import io.volback.entry.EntryType;
import io.volback.repo.Id;
import io.volback.repo.Repository;
import io.volback.repo.drill.DrillRecord.Mismatch;
import io.volback.repo.index.Index;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.pack.BlobLoader;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DamagedFiles names what a snapshot cannot give back after a restore of it failed: each tree blob
 * that cannot be loaded, and each file with a content blob that cannot (missing from the index, its
 * pack missing, or failing verification), with the blob, its pack and the reason. Every blob is
 * loaded through a BlobLoader, which verifies it; the walk stops after maxFiles damaged files.
 */
public final class DamagedFiles {
  private final Repository repo;
  private final int maxFiles;

  public DamagedFiles(Repository repo, int maxFiles) {
    this.repo = repo;
    this.maxFiles = maxFiles;
  }

  /** Result: the problems found (at most maxFiles files), and whether the walk stopped early. */
  public record Result(List<Mismatch> problems, boolean truncated) {}

  public Result find(StoredSnapshot snapshot) throws IOException {
    Index index = repo.index();
    BlobLoader loader = repo.newBlobLoader();
    SnapshotVerifier.Mismatches found = new SnapshotVerifier.Mismatches();
    List<Id> trees = snapshot.snapshot().treeIds();
    for (Id id : trees) {
      String problem = problem(index, loader, id);
      if (problem != null) {
        found.add("/", "tree blob " + problem);
      }
    }
    if (found.count > 0) {
      return new Result(found.kept, false);
    }
    // A blob shared by many files is loaded once; only the damaged ones are remembered.
    Map<Id, String> damaged = new HashMap<>();
    long files = 0;
    TreeReader tree = new TreeReader(loader, trees);
    for (TreeNode node = tree.next(); node != null; node = tree.next()) {
      if (node.entry().type() != EntryType.FILE) {
        continue;
      }
      for (Id id : node.contentIds()) {
        String problem = damaged.containsKey(id) ? damaged.get(id) : problem(index, loader, id);
        if (problem != null) {
          damaged.put(id, problem);
          found.add(node.entry().path(), "content blob " + problem);
          if (++files >= maxFiles) {
            return new Result(found.kept, tree.next() != null);
          }
          break;
        }
      }
    }
    return new Result(found.kept, false);
  }

  /** Why blob cannot be loaded ("ID in pack ID: reason"), or null when it loads and verifies. */
  private static String problem(Index index, BlobLoader loader, Id id) {
    Optional<IndexEntry> entry = index.lookup(id);
    if (entry.isEmpty()) {
      return id.shortHex() + ": not in the repository index";
    }
    try {
      loader.load(id);
      return null;
    } catch (IOException | RuntimeException e) {
      return id.shortHex() + " in pack " + entry.get().pack().shortHex() + ": " + e.getMessage();
    }
  }
}

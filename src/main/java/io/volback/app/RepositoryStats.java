package io.volback.app;

import io.volback.entry.EntryType;
import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.index.Index;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.pack.BlobLoader;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import io.volback.store.ObjectInfo;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * RepositoryStats measures snapshots as restic's stats modes do: restore-size is what a restore of
 * each snapshot would write, summed; raw-data adds the unique blobs they reference (each counted
 * once) with their plaintext and stored sizes, and the packs of the whole repository.
 */
public final class RepositoryStats {
  /** Mode is restic's name of what stats measures. */
  public enum Mode {
    RESTORE_SIZE("restore-size"),
    RAW_DATA("raw-data");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * Report holds the measures; the blob and pack fields are 0 in restore-size mode. restoreSize and
   * fileCount are regular files' bytes and count; entryCount counts every entry but the root.
   */
  public record Report(
      Mode mode,
      int snapshotsCount,
      long restoreSize,
      long fileCount,
      long entryCount,
      long blobCount,
      long uncompressedSize,
      long storedSize,
      long missingBlobs,
      long packCount,
      long packSize) {

    /** Restore size over the plaintext of the unique blobs: how many times dedup shrinks it. */
    public double dedupRatio() {
      return uncompressedSize == 0 ? 0 : (double) restoreSize / uncompressedSize;
    }

    /** Plaintext over stored bytes of the unique blobs. */
    public double compressionRatio() {
      return storedSize == 0 ? 0 : (double) uncompressedSize / storedSize;
    }
  }

  private final Repository repo;

  public RepositoryStats(Repository repo) {
    this.repo = repo;
  }

  public Report run(List<StoredSnapshot> snapshots, Mode mode) throws IOException {
    Index index = repo.index();
    BlobLoader loader = repo.newBlobLoader(index);
    boolean raw = mode == Mode.RAW_DATA;
    Set<Id> seen = new HashSet<>();
    long restoreSize = 0;
    long files = 0;
    long entries = 0;
    long uncompressed = 0;
    long stored = 0;
    long missing = 0;
    for (StoredSnapshot snap : snapshots) {
      List<Id> trees = snap.snapshot().treeIds();
      TreeReader reader = new TreeReader(loader, trees);
      if (raw) {
        seen.addAll(trees);
      }
      for (TreeNode node = reader.next(); node != null; node = reader.next()) {
        if (node.entry().isRoot()) {
          continue;
        }
        entries++;
        if (node.entry().type() == EntryType.FILE) {
          files++;
          restoreSize += node.entry().size();
        }
        if (raw) {
          seen.addAll(node.contentIds());
        }
      }
    }
    long packCount = 0;
    long packSize = 0;
    if (raw) {
      for (Id id : seen) {
        var entry = index.lookup(id);
        if (entry.isEmpty()) {
          missing++;
          continue;
        }
        IndexEntry e = entry.get();
        uncompressed += e.rawLength();
        stored += e.length();
      }
      for (ObjectInfo pack : repo.store().list(RepoLayout.DATA)) {
        packCount++;
        packSize += pack.size();
      }
    }
    return new Report(
        mode,
        snapshots.size(),
        restoreSize,
        files,
        entries,
        raw ? seen.size() - missing : 0,
        uncompressed,
        stored,
        missing,
        packCount,
        packSize);
  }
}

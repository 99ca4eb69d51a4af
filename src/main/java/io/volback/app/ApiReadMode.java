package io.volback.app;

import io.volback.entry.EntryType;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.SnapshotStats;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import java.io.IOException;
import java.util.Locale;

/**
 * ApiReadMode decides how a backup through the Docker API reads a volume that has a parent: in full
 * (one archive GET) or by stat scan (docker.StatScanSource: a HEAD per parent entry, GET only what
 * changed). Measured (bench/README.md, "Round two: API-path incremental"): a HEAD costs ~1 ms wall,
 * a full read ~5 s per GiB, so the stat scan wins when the parent averages at least
 * MIN_BYTES_PER_ENTRY per entry, and loses on many small files. VOLBACK_API_READ=stat|full forces
 * either way (tests, measurements); --force always reads in full.
 */
final class ApiReadMode {
  static final long MIN_BYTES_PER_ENTRY = 256 * 1024;
  static final String ENV = "VOLBACK_API_READ";

  private ApiReadMode() {}

  /** Whether to read by stat scan against parent (null: none). */
  static boolean statScan(boolean force, StoredSnapshot parent, Repository repo) {
    if (force || parent == null || !"api".equals(parent.snapshot().source().readPath())) {
      return false;
    }
    String forced = System.getenv(ENV);
    forced = forced == null ? "auto" : forced.toLowerCase(Locale.ROOT);
    if (forced.equals("full")) {
      return false;
    }
    if (!forced.equals("stat") && !worthIt(parent.snapshot().stats())) {
      return false;
    }
    return withoutHardLinks(parent, repo);
  }

  static boolean worthIt(SnapshotStats stats) {
    if (stats == null) {
      return false;
    }
    long entries = Math.max(1, stats.files() + stats.dirs() + stats.others());
    return stats.bytes() / entries >= MIN_BYTES_PER_ENTRY;
  }

  /**
   * Hard links are only recorded within one archive: a stat scan's partial reads would record them
   * differently from a full read, so a parent holding any is read in full (as is one whose tree
   * cannot be read: the full read then warns about it as before).
   */
  private static boolean withoutHardLinks(StoredSnapshot parent, Repository repo) {
    try {
      TreeReader tree = new TreeReader(repo.newBlobLoader(), parent.snapshot().treeIds());
      for (TreeNode n = tree.next(); n != null; n = tree.next()) {
        if (n.entry().type() == EntryType.HARDLINK) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}

package io.volback.app;

import io.volback.entry.FileEntry;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.restore.RestoreListener;
import io.volback.restore.SnapshotRestorer;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/** ListFiles hands the entries of a snapshot, or of one path in it, to a consumer in tree order. */
public final class ListFiles {
  private final Repository repo;

  public ListFiles(Repository repo) {
    this.repo = repo;
  }

  /**
   * Lists the whole snapshot when path is null. A path that matches nothing is a UsageException
   * naming the path and the snapshot, thrown after the walk.
   */
  public void run(StoredSnapshot snap, String path, Consumer<FileEntry> consumer)
      throws IOException {
    PathFilter filter = path == null ? PathFilter.ALL : PathFilter.including(List.of(path));
    var matching =
        new SnapshotRestorer.EntryConsumer() {
          long shown;

          @Override
          public void accept(FileEntry e) {
            if (filter.includes(e.path())) {
              shown++;
              consumer.accept(e);
            }
          }
        };
    new SnapshotRestorer(repo, RestoreListener.NONE).forEachEntry(snap, matching);
    if (path != null && matching.shown == 0) {
      throw new UsageException(
          "no path " + PathFilter.normalise(path) + " in snapshot " + snap.id().shortHex());
    }
  }
}

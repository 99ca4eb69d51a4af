package io.volback.app;

import io.volback.entry.TarEntrySink;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.restore.RestoreListener;
import io.volback.restore.SnapshotRestorer;
import io.volback.store.FileSync;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** ExportSnapshot writes a snapshot as a plain tar, to a stream or atomically to a file. */
public final class ExportSnapshot {
  private final Repository repo;

  public ExportSnapshot(Repository repo) {
    this.repo = repo;
  }

  /** Writes the tar to out (and finishes the tar, but leaves out open). */
  public void toStream(StoredSnapshot snap, OutputStream out) throws IOException {
    try (TarEntrySink sink = new TarEntrySink(out, ".")) {
      new SnapshotRestorer(repo, RestoreListener.NONE).restore(snap, sink, PathFilter.ALL);
    }
  }

  /**
   * Writes next to the target, fsyncs and renames into place, then fsyncs the folder: a failed or
   * interrupted export (even a power loss) leaves the old file or the whole new one, never a part.
   */
  public void toFile(StoredSnapshot snap, Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp = Files.createTempFile(dir, ".volback-export", ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        toStream(snap, out);
      }
      FileSync.file(tmp);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    FileSync.directory(dir);
  }
}

package io.volback.app;

import io.volback.entry.DirectorySink;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.restore.RestoreStats;
import io.volback.restore.SnapshotRestorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * RestoreToDirectory writes a snapshot, of a volume or of a directory, into a directory of this
 * machine (restic's {@code restore --target}); no Docker host is involved. It writes through the
 * same DirectorySink as a volume's mountpoint, so no entry can write outside the directory. A
 * directory that holds anything is only written into with overwrite; one that does not exist is
 * created. A failed restore leaves what it wrote, and says so.
 */
public final class RestoreToDirectory {
  private final Repository repo;
  private final ProgressListener listener;

  public RestoreToDirectory(Repository repo, ProgressListener listener) {
    this.repo = repo;
    this.listener = listener;
  }

  /**
   * Result: what was restored where; removedExtras counts what --delete removed (everything below a
   * removed directory included), null without --delete.
   */
  public record Result(
      SnapshotSummary snapshot, String directory, RestoreStats stats, Long removedExtras) {}

  public Result run(StoredSnapshot snap, Path target, boolean overwrite, List<String> include)
      throws IOException {
    return run(snap, target, overwrite, include, false);
  }

  /**
   * With delete (restore --delete, which needs overwrite), whatever the directory holds that the
   * snapshot does not is removed (with includes: below the included paths only).
   */
  public Result run(
      StoredSnapshot snap, Path target, boolean overwrite, List<String> include, boolean delete)
      throws IOException {
    if (delete && !overwrite) {
      throw new UsageException(
          "--delete removes what the target holds beyond the snapshot: it needs --overwrite");
    }
    PathFilter filter = RestoreSnapshot.filter(include);
    SnapshotRestorer restorer = new SnapshotRestorer(repo, listener);
    RestoreSnapshot.checkIncludes(restorer, snap, filter);
    Path dir = prepare(target.toAbsolutePath().normalize(), overwrite);
    listener.volumeStarted(dir.toString(), snap.snapshot().stats().bytes());
    RestoreStats stats;
    DirectorySink directorySink = new DirectorySink(dir, listener::warning);
    if (delete) {
      directorySink.removingExtras(filter::includes);
    }
    try (DirectorySink sink = directorySink) {
      stats = restorer.restore(snap, sink, filter);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          message(e) + "; directory " + dir + " keeps what was restored before the failure", e);
    }
    listener.volumeFinished(dir.toString());
    return new Result(
        SnapshotSummary.of(snap),
        dir.toString(),
        stats,
        delete ? directorySink.removedExtras() : null);
  }

  /**
   * The directory to write into, created when missing; refused when not empty, unless overwrite.
   */
  private static Path prepare(Path dir, boolean overwrite) throws IOException {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new UsageException("--target " + dir + " exists and is not a directory");
      }
      Path real = dir.toRealPath();
      if (!overwrite && !isEmpty(real)) {
        throw new OperationRefusedException(
            "directory "
                + dir
                + " is not empty; restore with --overwrite to write into it, or choose another"
                + " --target");
      }
      return real;
    }
    Files.createDirectories(dir);
    return dir.toRealPath();
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.findAny().isEmpty();
    }
  }

  private static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }
}

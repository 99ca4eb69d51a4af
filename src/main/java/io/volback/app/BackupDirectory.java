package io.volback.app;

import io.volback.backup.SnapshotCreator;
import io.volback.concurrent.LocalHost;
import io.volback.entry.DirectorySource;
import io.volback.entry.SkipLog;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * BackupDirectory snapshots a plain directory of this machine (a bind mount, say), under a name;
 * unchanged files are skipped against the previous snapshot of the same name.
 */
public final class BackupDirectory {
  private final Repository repo;
  private final ProgressListener listener;

  public BackupDirectory(Repository repo, ProgressListener listener) {
    this.repo = repo;
    this.listener = listener;
  }

  /**
   * Backs up dir; force reads every file even when the last snapshot says it is unchanged; hostname
   * is the machine name the snapshot records (null: this machine's).
   */
  public StoredSnapshot run(
      Path dir, String name, List<String> tags, boolean force, String hostname) throws IOException {
    return run(dir, name, tags, force, hostname, null);
  }

  /** Like run above; time is the time the snapshot records (null: when it starts). */
  public StoredSnapshot run(
      Path dir, String name, List<String> tags, boolean force, String hostname, Instant time)
      throws IOException {
    String machine = machine(hostname);
    Path abs = checkedDirectory(dir);
    String sourceName = sourceName(abs, name);
    StoredSnapshot parent = parent(repo, sourceName, machine);
    listener.volumeStarted(sourceName, parent == null ? -1 : parent.snapshot().stats().bytes());
    SkipLog skips = new SkipLog(listener::warning);
    try {
      return new SnapshotCreator(repo, listener)
          .rereadAll(force)
          .hostname(machine)
          .time(time)
          .create(
              new DirectorySource(abs, skips),
              SourceInfo.directory(sourceName, abs.toString()),
              tags,
              parent,
              skips);
    } finally {
      listener.volumeFinished(sourceName);
    }
  }

  static String machine(String hostname) {
    return hostname == null ? LocalHost.name() : hostname;
  }

  /** dir as an absolute path; a UsageException when it is not a directory. */
  static Path checkedDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UsageException("--path " + dir + " is not a directory");
    }
    return dir.toAbsolutePath().normalize();
  }

  /** The snapshot's source name: name, or else the directory's absolute path. */
  static String sourceName(Path abs, String name) {
    return name != null ? name : abs.toString();
  }

  /** The newest snapshot of sourceName made on machine, or null. */
  static StoredSnapshot parent(Repository repo, String sourceName, String machine)
      throws IOException {
    return ParentSnapshot.ofDirectory(repo.snapshots(), sourceName, machine).orElse(null);
  }
}

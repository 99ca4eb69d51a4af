package io.volback.cli;

import io.volback.entry.TarEntrySink;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.restore.RestoreListener;
import io.volback.restore.SnapshotRestorer;
import io.volback.store.FileSync;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** ExportCommand writes a snapshot as a plain tar, to stdout or a file. */
@Command(
    name = "export",
    description = "Write a snapshot as a plain tar archive (stdout by default).")
final class ExportCommand extends CommandBase {
  @Mixin SnapshotArgument snapshot;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the tar to FILE.")
  Path output;

  @Override
  public Integer call() throws Exception {
    try (Repository repo = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      StoredSnapshot snap = snapshot.find(repo);
      if (output == null) {
        OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
        export(repo, snap, stdout);
        stdout.flush();
      } else {
        writeAtomically(repo, snap, output.toAbsolutePath());
        if (!json()) {
          err().println("exported snapshot " + snap.id().shortHex() + " to " + output);
        }
      }
    }
    return ExitCode.OK;
  }

  /**
   * Writes next to the target, fsyncs and renames into place, then fsyncs the folder: a failed or
   * interrupted export (even a power loss) leaves the old file or the whole new one, never a part.
   */
  private void writeAtomically(Repository repo, StoredSnapshot snap, Path target) throws Exception {
    Path dir = target.getParent();
    Path tmp = Files.createTempFile(dir, ".volback-export", ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        export(repo, snap, out);
      }
      FileSync.file(tmp);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (Exception e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    FileSync.directory(dir);
  }

  private void export(Repository repo, StoredSnapshot snap, OutputStream out) throws Exception {
    try (TarEntrySink sink = new TarEntrySink(out, ".")) {
      new SnapshotRestorer(repo, RestoreListener.NONE).restore(snap, sink, PathFilter.ALL);
    }
  }
}

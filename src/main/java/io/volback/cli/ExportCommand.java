package io.volback.cli;

import io.volback.app.ExportSnapshot;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.StoredSnapshot;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** ExportCommand writes a snapshot as a plain tar, to stdout or a file. */
@Command(
    name = "export",
    description = "Write a snapshot as a plain tar archive (stdout by default).")
final class ExportCommand extends CommandBase {
  @Mixin NoDockerHostOption noDockerHost;

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
      ExportSnapshot export = new ExportSnapshot(repo);
      if (output == null) {
        OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
        export.toStream(snap, stdout);
        stdout.flush();
      } else {
        export.toFile(snap, output);
        if (!json()) {
          err().println("exported snapshot " + snap.id().shortHex() + " to " + output);
        }
      }
    }
    return ExitCode.OK;
  }
}

package io.volback.cli;

import io.volback.app.ListFiles;
import io.volback.app.SnapshotSummary;
import io.volback.cli.json.NodeJson;
import io.volback.cli.json.SnapshotJson;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.StoredSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** LsCommand lists the files of a snapshot, or of one path in it. */
@Command(name = "ls", description = "List files in a snapshot.")
final class LsCommand extends CommandBase {
  @Mixin NoDockerHostOption noDockerHost;

  @Mixin SnapshotArgument snapshot;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "PATH",
      description = "Only this path and below.")
  String path;

  @Override
  public Integer call() throws Exception {
    try (Repository repo = openRepository(Repository.Preload.SNAPSHOTS)) {
      StoredSnapshot snap = snapshot.find(repo);
      if (json()) {
        output().jsonLine(SnapshotJson.of(SnapshotSummary.of(snap)).inStream());
      }
      try {
        new ListFiles(repo).run(snap, path, this::print);
      } finally {
        out().flush();
      }
    }
    return ExitCode.OK;
  }

  private void print(FileEntry e) {
    if (json()) {
      output().jsonLine(NodeJson.of(e));
    } else {
      out().println(line(e));
    }
  }

  private static String line(FileEntry e) {
    String type =
        switch (e.type()) {
          case DIRECTORY -> "d";
          case SYMLINK -> "l";
          case HARDLINK -> "h";
          case FIFO -> "p";
          case CHAR_DEVICE -> "c";
          case BLOCK_DEVICE -> "b";
          case FILE -> "-";
        };
    String target =
        e.type() == EntryType.SYMLINK
            ? " -> " + e.linkTarget()
            : e.type() == EntryType.HARDLINK ? " link to " + e.linkTarget() : "";
    return String.format(
        "%s%04o %5d %5d %12d %s %s%s",
        type, e.mode(), e.uid(), e.gid(), e.size(), Format.time(e.mtime()), e.path(), target);
  }
}

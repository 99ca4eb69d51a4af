package io.volback.cli;

import io.volback.app.CopyResult;
import io.volback.app.CopySnapshots;
import io.volback.app.UsageException;
import io.volback.cli.json.CopyJson;
import io.volback.repo.Repository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * CopyCommand copies snapshots into a second repository (restic's copy; 3-2-1 offsite), storing
 * only the blobs the target lacks. Each repository opens with its own password.
 */
@Command(
    name = "copy",
    description =
        "Copy snapshots into a second repository (folder or S3), uploading only the data it lacks."
            + " Without SNAPSHOT, every snapshot the filters select. A snapshot copied before is"
            + " skipped.")
final class CopyCommand extends CommandBase {
  @Mixin NoDockerHostOption noDockerHost;
  @Mixin SnapshotFilterOptions filters;

  @Parameters(
      paramLabel = "SNAPSHOT",
      arity = "0..*",
      description = "Snapshot ids, id prefixes or 'latest' (default: all the filters select).")
  List<String> snapshots = new ArrayList<>();

  @Option(
      names = "--to-repo",
      paramLabel = "REPO",
      description =
          "The target repository: a folder, file:///path or s3://bucket[/prefix]"
              + " (env VOLBACK_TO_REPOSITORY).")
  String toRepo;

  @Option(
      names = "--to-password-file",
      paramLabel = "FILE",
      description =
          "Read the target repository's password from FILE (env VOLBACK_TO_PASSWORD_FILE, or"
              + " VOLBACK_TO_PASSWORD).")
  Path toPasswordFile;

  @Option(
      names = "--to-password-command",
      paramLabel = "CMD",
      description =
          "Run CMD with sh -c; its first line is the target's password"
              + " (env VOLBACK_TO_PASSWORD_COMMAND).")
  String toPasswordCommand;

  @Option(
      names = "--to-s3-endpoint",
      paramLabel = "URL",
      description = "S3 endpoint of the target (default: the source's --s3-endpoint).")
  String toS3Endpoint;

  @Option(
      names = {"-n", "--dry-run"},
      description = "Only say which snapshots would be copied; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    SecondRepository target =
        new SecondRepository(
            SecondRepository.Role.TARGET,
            toRepo,
            toPasswordFile,
            toPasswordCommand,
            toS3Endpoint,
            System.getenv());
    String targetLocation = target.settings(root, System.getenv()).repository();
    String sourceLocation = root.repositorySettings().repository();
    if (sourceLocation != null && sameLocation(sourceLocation, targetLocation)) {
      throw new UsageException(
          "--to-repo " + targetLocation + " is the source repository: copy needs a second one");
    }
    CopyProgress progress = new CopyProgress(output());
    CopyResult result;
    try (Repository from = openRepository(Repository.Preload.SNAPSHOTS_AND_INDEX);
        Repository to = target.open(root, Repository.Preload.SNAPSHOTS_AND_INDEX)) {
      result = new CopySnapshots(from, to, progress).run(snapshots, filters.filter(), dryRun);
    } finally {
      progress.close();
    }
    if (json()) {
      printJson(CopyJson.of(result));
    } else {
      printTotals(result);
    }
    return ExitCode.OK;
  }

  private static boolean sameLocation(String a, String b) {
    return normalize(a).equals(normalize(b));
  }

  private static String normalize(String location) {
    String s = location.strip();
    if (s.startsWith("file://")) {
      s = s.substring("file://".length());
    }
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    if (!s.startsWith("s3:")) {
      s = Path.of(s).toAbsolutePath().normalize().toString();
    }
    return s;
  }

  private void printTotals(CopyResult r) {
    if (r.dryRun()) {
      out()
          .println(
              "would copy "
                  + Format.count(r.snapshots().size() - r.skippedCount(), "snapshot", "snapshots")
                  + ", "
                  + r.skippedCount()
                  + " skipped (already copied)");
    } else {
      out()
          .println(
              "copied "
                  + Format.count(r.copiedCount(), "snapshot", "snapshots")
                  + ", "
                  + r.skippedCount()
                  + " skipped (already copied); uploaded "
                  + Format.count(r.dataBlobsUploaded(), "data blob", "data blobs")
                  + " ("
                  + Format.bytes(r.dataBytesUploaded())
                  + "), "
                  + Format.count(r.treeBlobsUploaded(), "tree blob", "tree blobs")
                  + ", "
                  + Format.count(r.packsUploaded(), "pack", "packs")
                  + " ("
                  + Format.bytes(r.bytesUploaded())
                  + ")");
    }
    out().flush();
  }
}

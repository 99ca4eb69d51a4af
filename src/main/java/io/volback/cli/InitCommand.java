package io.volback.cli;

import io.volback.app.Repositories;
import io.volback.app.UsageException;
import io.volback.repo.RepoConfig;
import io.volback.repo.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** InitCommand creates a repository. */
@Command(name = "init", description = "Create a new repository.")
final class InitCommand extends CommandBase {
  @Option(
      names = "--compression",
      paramLabel = "LEVEL",
      description =
          "zstd level of the repository's blobs: 0 (off) to 19; higher is smaller and "
              + "slower to back up. Fixed for the repository's life. Default: ${DEFAULT-VALUE}.")
  int compression = RepoConfig.DEFAULT_COMPRESSION;

  @Option(
      names = "--copy-chunker-params",
      description =
          "Take the chunker parameters of --from-repo, so that both repositories cut data the same"
              + " way and copies between them deduplicate.")
  boolean copyChunkerParams;

  @Option(
      names = "--from-repo",
      paramLabel = "REPO",
      description =
          "The repository whose chunker parameters to copy (env VOLBACK_FROM_REPOSITORY).")
  String fromRepo;

  @Option(
      names = "--from-password-file",
      paramLabel = "FILE",
      description =
          "Read the password of --from-repo from FILE (env VOLBACK_FROM_PASSWORD_FILE, or"
              + " VOLBACK_FROM_PASSWORD).")
  Path fromPasswordFile;

  @Option(
      names = "--from-password-command",
      paramLabel = "CMD",
      description =
          "Run CMD with sh -c; its first line is the password of --from-repo"
              + " (env VOLBACK_FROM_PASSWORD_COMMAND).")
  String fromPasswordCommand;

  @Override
  public Integer call() throws Exception {
    RepoConfig chunkerFrom = chunkerSource();
    try (Repository repo =
        Repositories.init(root.repositorySettings(), password(true), compression, chunkerFrom)) {
      if (json()) {
        printJson(Map.of("repository", repo.store().location(), "id", repo.config().id()));
      } else {
        out()
            .println(
                "created repository "
                    + repo.config().id().substring(0, 10)
                    + " at "
                    + repo.store().location());
        out().println("Keep the password safe: without it the data cannot be recovered.");
      }
    }
    return ExitCode.OK;
  }

  /** The config of --from-repo with --copy-chunker-params, else null. */
  private RepoConfig chunkerSource() throws IOException {
    SecondRepository from =
        new SecondRepository(
            SecondRepository.Role.SOURCE,
            fromRepo,
            fromPasswordFile,
            fromPasswordCommand,
            null,
            System.getenv());
    if (!copyChunkerParams) {
      if (fromRepo != null) {
        throw new UsageException("--from-repo is used only with --copy-chunker-params");
      }
      return null;
    }
    if (!from.isGiven()) {
      throw new UsageException(
          "--copy-chunker-params needs --from-repo (or VOLBACK_FROM_REPOSITORY)");
    }
    try (Repository source = from.open(root, Repository.Preload.NOTHING)) {
      return source.config();
    }
  }
}

package io.volback.cli;

import io.volback.app.Repositories;
import io.volback.repo.RepoConfig;
import io.volback.repo.Repository;
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

  @Override
  public Integer call() throws Exception {
    try (Repository repo =
        Repositories.init(root.repositorySettings(), password(true), compression)) {
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
}

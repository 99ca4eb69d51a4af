package io.volback.cli;

import io.volback.app.UsageException;
import picocli.CommandLine.Option;

/**
 * NoDockerHostOption refuses -H/--host after the name of a command that uses no Docker host, where
 * a restic user means the machine that made the snapshots, and says which filter that is.
 */
final class NoDockerHostOption {
  @Option(
      names = {"-H", "--host"},
      hidden = true,
      paramLabel = "HOST")
  void refuse(String value) {
    throw new UsageException(
        "-H/--host names the Docker host and this command does not use one; to select snapshots"
            + " by the machine that made them use --hostname "
            + value
            + ", by Docker host --docker-host "
            + value);
  }
}

package io.volback.cli;

import io.volback.app.UnlockRepository;
import io.volback.cli.json.ErrorJson;
import io.volback.cli.json.UnlockJson;
import io.volback.repo.Repository;
import io.volback.repo.lock.RepositoryLock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** UnlockCommand removes stale locks, or every lock with --remove-all, as restic's unlock. */
@Command(
    name = "unlock",
    description =
        "Remove stale locks (their process is gone, or not refreshed for 30 minutes);"
            + " --remove-all removes every lock.")
final class UnlockCommand extends CommandBase {
  @Mixin NoDockerHostOption noDockerHost;

  @Option(
      names = "--remove-all",
      description =
          "Remove every lock, also those of running processes (a running backup or prune may"
              + " then fail or conflict with another).")
  boolean removeAll;

  @Override
  public Integer call() throws Exception {
    if (removeAll) {
      String warning =
          "--remove-all removes the locks of running processes too: a backup, restore or"
              + " prune running now may break";
      if (json()) {
        output().jsonError(ErrorJson.warning("unlock", null, warning));
      } else {
        err().println("volback: warning: " + warning);
        err().flush();
      }
    }
    try (Repository repo = openRepository(Repository.Preload.NOTHING)) {
      List<RepositoryLock.RemovedLock> removed = new UnlockRepository(repo).run(removeAll);
      if (json()) {
        printJson(
            new UnlockJson(
                removed.stream()
                    .map(r -> new UnlockJson.RemovedLockJson(r.key(), r.holder(), r.reason()))
                    .toList()));
        return ExitCode.OK;
      }
      for (RepositoryLock.RemovedLock r : removed) {
        out().println("removed " + r.key() + ": " + r.holder() + " (" + r.reason() + ")");
      }
      output().info(removed.isEmpty() ? "no lock removed" : removed.size() + " removed");
      return ExitCode.OK;
    }
  }
}

package io.volback.cli;

import io.volback.app.PruneRepository;
import io.volback.app.Repositories;
import io.volback.app.RepositorySettings;
import io.volback.cli.json.PruneJson;
import io.volback.maintenance.MaxUnused;
import io.volback.maintenance.PruneResult;
import io.volback.repo.Repository;
import io.volback.store.ObjectStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * PruneCommand removes data no snapshot references, under an exclusive lock; refused at once while
 * a backup or restore holds a lock.
 */
@Command(
    name = "prune",
    description =
        "Remove data no snapshot references: delete unused packs, repack partly used ones."
            + " Takes an exclusive lock; refused while a backup or restore runs.")
final class PruneCommand extends CommandBase {
  @Mixin NoDockerHostOption noDockerHost;

  @Option(
      names = "--max-unused",
      paramLabel = "LIMIT",
      defaultValue = "5%",
      description =
          "Unused space that may stay in partly used packs: N%% of the repository, a SIZE"
              + " (500M, 2G) or 'unlimited' (repack nothing). Default: ${DEFAULT-VALUE}.")
  String maxUnused;

  @Option(
      names = {"-n", "--dry-run"},
      description = "Only print what would be deleted and repacked; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    prune(this, PruneRepository.maxUnused(maxUnused), dryRun);
    return ExitCode.OK;
  }

  /**
   * Prunes the repository of command's options (its own open of it, so that it sees what an earlier
   * step of the command, forget say, removed) and prints the result.
   */
  static void prune(CommandBase command, MaxUnused max, boolean dryRun) throws Exception {
    RepositorySettings settings = command.root.repositorySettings();
    ObjectStore store = PruneTestHook.wrap(Repositories.store(settings), System.getenv());
    StepProgress progress = new StepProgress(command.output(), "prune");
    PruneResult result;
    try (Repository repo =
        Repositories.withLockWait(
            Repository.open(store, command.password(false), Repository.Preload.SNAPSHOTS_AND_INDEX),
            settings)) {
      result = new PruneRepository(repo, progress).run(max, dryRun);
    } finally {
      progress.phaseFinished();
    }
    if (command.json()) {
      command.printJson(PruneJson.of(result));
    } else {
      print(command.out(), result);
    }
  }

  private static void print(PrintWriter out, PruneResult r) {
    if (r.dryRun()) {
      r.deleted().forEach(key -> out.println("would delete " + key));
      r.repacked().forEach(key -> out.println("would repack " + key));
    }
    out.println(
        (r.dryRun() ? "would delete " : "deleted ")
            + plural(r.packsDeleted(), "pack")
            + (r.orphanedPacks() > 0 ? " (" + r.orphanedPacks() + " not in the index)" : "")
            + ", "
            + (r.dryRun() ? "would repack " : "repacked ")
            + plural(r.packsRepacked(), "pack")
            + " ("
            + plural(r.blobsRepacked(), "blob")
            + ")");
    out.println(
        (r.dryRun() ? "would free " : "freed ")
            + Format.bytes(r.bytesFreed())
            + "; unused "
            + Format.bytes(r.unusedBefore())
            + " -> "
            + Format.bytes(r.unusedAfter())
            + ", used "
            + Format.bytes(r.usedBytes()));
    if (r.missingPacks() > 0) {
      out.println(
          (r.dryRun() ? "would drop" : "dropped")
              + " index entries of "
              + plural(r.missingPacks(), "missing pack")
              + " (no snapshot needed them)");
    }
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}

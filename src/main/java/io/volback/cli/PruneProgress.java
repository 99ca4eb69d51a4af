package io.volback.cli;

import io.volback.maintenance.PruneListener;

/** PruneProgress shows each phase of a prune on the terminal, as ConsoleProgress does a backup. */
final class PruneProgress implements PruneListener {
  private final Output output;
  private Progress current;

  PruneProgress(Output output) {
    this.output = output;
  }

  @Override
  public void phase(String name, long total) {
    phaseFinished();
    current = Progress.counting(output, "prune", name, "object", "objects");
  }

  @Override
  public void done(long bytes) {
    Progress p = current;
    if (p != null) {
      p.file();
      p.bytes(bytes);
    }
  }

  @Override
  public void phaseFinished() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}

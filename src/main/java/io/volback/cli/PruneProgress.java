package io.volback.cli;

import io.volback.maintenance.PruneListener;
import java.io.PrintWriter;

/** PruneProgress shows each phase of a prune on the terminal, as ConsoleProgress does a backup. */
final class PruneProgress implements PruneListener {
  private final PrintWriter err;
  private final boolean enabled;
  private Progress current;

  PruneProgress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  @Override
  public void phase(String name, long total) {
    phaseFinished();
    current = new Progress(err, name, enabled);
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

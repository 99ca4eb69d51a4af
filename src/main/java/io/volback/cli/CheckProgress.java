package io.volback.cli;

import io.volback.maintenance.CheckListener;
import java.io.PrintWriter;

/** CheckProgress shows a check's progress on the terminal, one status line per step. */
final class CheckProgress implements CheckListener, AutoCloseable {
  private final PrintWriter err;
  private final boolean enabled;
  private Progress current;

  CheckProgress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  @Override
  public synchronized void stepStarted(String step, long totalBytes) {
    current = new Progress(err, "check " + step, "objects", enabled);
    current.expectTotal(totalBytes);
  }

  @Override
  public synchronized void objectChecked(long bytes) {
    if (current != null) {
      current.file();
      current.bytes(bytes);
    }
  }

  @Override
  public synchronized void stepFinished(String step) {
    close();
  }

  /** Clears the status line of a step a failure interrupted. */
  @Override
  public synchronized void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}

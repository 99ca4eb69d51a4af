package io.volback.cli;

import io.volback.maintenance.CheckListener;

/** CheckProgress shows a check's progress on the terminal, one status line per step. */
final class CheckProgress implements CheckListener, AutoCloseable {
  private final Output output;
  private Progress current;

  CheckProgress(Output output) {
    this.output = output;
  }

  @Override
  public synchronized void stepStarted(String step, long totalBytes) {
    current = Progress.counting(output, "check", step, "object", "objects");
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

package io.volback.cli;

import io.volback.maintenance.CheckListener;
import io.volback.maintenance.PruneListener;

/**
 * StepProgress shows a maintenance command's progress on the terminal, one status line per step:
 * check's steps and prune's phases, counted in objects and bytes. Calls may come from any thread.
 */
final class StepProgress implements CheckListener, PruneListener, AutoCloseable {
  private final Output output;
  private final String command;
  private Progress current;

  StepProgress(Output output, String command) {
    this.output = output;
    this.command = command;
  }

  @Override
  public void stepStarted(String step, long totalBytes) {
    start(step, totalBytes);
  }

  // prune's total counts items, not bytes: the line shows no byte total then.
  @Override
  public void phase(String name, long total) {
    start(name, -1);
  }

  @Override
  public void objectChecked(long bytes) {
    done(bytes);
  }

  @Override
  public synchronized void done(long bytes) {
    if (current != null) {
      current.file();
      current.bytes(bytes);
    }
  }

  @Override
  public void stepFinished(String step) {
    close();
  }

  @Override
  public void phaseFinished() {
    close();
  }

  /** Clears the status line of the current step, e.g. one a failure interrupted. */
  @Override
  public synchronized void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  private synchronized void start(String step, long totalBytes) {
    close();
    current = Progress.counting(output, command, step, "object", "objects");
    current.expectTotal(totalBytes);
  }
}

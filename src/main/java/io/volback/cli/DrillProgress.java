package io.volback.cli;

import io.volback.app.DrillListener;
import io.volback.entry.FileEntry;

/**
 * DrillProgress shows a drill on the terminal: the restore's progress line (as restore's) and a
 * line per phase of the drill (restore, verify, probe, cleanup); warnings go to stderr as every
 * command's do.
 */
final class DrillProgress implements DrillListener {
  private final Output output;
  private final ConsoleProgress restore;

  DrillProgress(Output output) {
    this.output = output;
    this.restore = new ConsoleProgress(output, "drill");
  }

  @Override
  public void drillPhase(String volume, String phase) {
    if (output.textProgress()) {
      synchronized (output.err) {
        output.err.println("drill " + volume + ": " + phase);
        output.err.flush();
      }
    }
  }

  @Override
  public void volumeStarted(String volume, long expectedBytes) {
    restore.volumeStarted(volume, expectedBytes);
  }

  @Override
  public void volumeFinished(String volume) {
    restore.volumeFinished(volume);
  }

  @Override
  public void entryDone(FileEntry entry) {
    restore.entryDone(entry);
  }

  @Override
  public void warning(String message) {
    restore.warning(message);
  }
}

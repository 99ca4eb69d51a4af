package io.volback.cli;

import io.volback.app.ProgressListener;
import io.volback.entry.FileEntry;
import java.io.PrintWriter;

/** ConsoleProgress shows backup and restore progress on the terminal, volume by volume. */
final class ConsoleProgress implements ProgressListener {
  private final PrintWriter err;
  private final String verb;
  private final boolean enabled;
  private Progress current;

  ConsoleProgress(PrintWriter err, String verb, boolean enabled) {
    this.err = err;
    this.verb = verb;
    this.enabled = enabled;
  }

  @Override
  public void volumeStarted(String volume, long expectedBytes) {
    current = new Progress(err, verb + " " + volume, enabled);
    current.expectTotal(expectedBytes);
  }

  @Override
  public void volumeFinished(String volume) {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  @Override
  public void entryDone(FileEntry entry, boolean contentRead) {
    if (current != null) {
      current.file();
      if (!contentRead) {
        current.bytes(entry.size());
      }
    }
  }

  @Override
  public void entryDone(FileEntry entry) {
    if (current != null) {
      current.file();
      current.bytes(entry.size());
    }
  }

  @Override
  public void bytesRead(long n) {
    if (current != null) {
      current.bytes(n);
    }
  }

  @Override
  public synchronized void warning(String message) {
    err.println("warning: " + message);
    err.flush();
  }
}

package io.volback.cli;

import io.volback.cli.json.StatusJson;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress reports one volume's progress at most Output.refreshNanos apart: on a terminal as one
 * status line on stderr, redrawn in place (what, files, bytes, rate and, when the total is known,
 * the ETA); under --json as a status line on stdout.
 */
final class Progress implements AutoCloseable {
  private final Output output;
  private final String action;
  private final String volume;
  private final String unit;
  private final String units;
  private final boolean jsonStatus;
  private final long start = System.nanoTime();
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private volatile long totalBytes = -1;
  private long lastPrint;
  private int lastWidth;

  Progress(Output output, String action, String volume) {
    this(output, action, volume, "file", "files", true);
  }

  private Progress(
      Output output, String action, String volume, String unit, String units, boolean jsonStatus) {
    this.output = output;
    this.action = action;
    this.volume = volume;
    this.unit = unit;
    this.units = units;
    this.jsonStatus = jsonStatus;
    this.lastPrint = start;
  }

  /**
   * A status line on the terminal only (the JSON status record counts files) that counts other
   * things: unit and units, e.g. "object" and "objects".
   */
  static Progress counting(Output output, String action, String step, String unit, String units) {
    return new Progress(output, action, step, unit, units, false);
  }

  void expectTotal(long total) {
    this.totalBytes = total;
  }

  void file() {
    files.incrementAndGet();
    maybePrint();
  }

  void bytes(long n) {
    bytes.addAndGet(n);
    maybePrint();
  }

  private synchronized void maybePrint() {
    boolean text = output.textProgress();
    if (!text && !(jsonStatus && output.jsonProgress())) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastPrint < output.refreshNanos()) {
      return;
    }
    lastPrint = now;
    long millis = (now - start) / 1_000_000;
    if (text) {
      printText(millis);
    } else {
      output.jsonLine(StatusJson.of(action, volume, millis, files.get(), bytes.get(), totalBytes));
    }
  }

  private void printText(long millis) {
    long done = bytes.get();
    StringBuilder line =
        new StringBuilder()
            .append(action)
            .append(' ')
            .append(volume)
            .append(": ")
            .append(Format.count(files.get(), unit, units))
            .append(", ")
            .append(Format.bytes(done))
            .append(", ")
            .append(Format.rate(done, millis));
    long total = totalBytes;
    if (total > 0 && done > 0 && done < total && millis > 0) {
      long etaMillis = (long) ((total - done) * (double) millis / done);
      line.append(", ETA ").append(Format.duration(etaMillis));
    }
    String text = line.toString();
    synchronized (output.err) {
      output.err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
      output.err.flush();
    }
    lastWidth = text.length();
  }

  @Override
  public synchronized void close() {
    if (output.textProgress() && lastWidth > 0) {
      synchronized (output.err) {
        output.err.print("\r" + " ".repeat(lastWidth) + "\r");
        output.err.flush();
      }
      lastWidth = 0;
    }
  }
}

package io.volback.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress shows one status line on a terminal, refreshed at most twice a second: what is being
 * done, files, bytes, rate and, when the total is known, the ETA.
 */
final class Progress implements AutoCloseable {
  private static final long REFRESH_NANOS = 500_000_000L;

  private final PrintWriter err;
  private final String what;
  private final boolean enabled;
  private final String unit;
  private final long start = System.nanoTime();
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private volatile long totalBytes = -1;
  private long lastPrint;
  private int lastWidth;

  Progress(PrintWriter err, String what, boolean enabled) {
    this(err, what, "files", enabled);
  }

  /** A status line that counts unit ("files", "objects") rather than files. */
  Progress(PrintWriter err, String what, String unit, boolean enabled) {
    this.err = err;
    this.what = what;
    this.unit = unit;
    this.enabled = enabled;
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
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastPrint < REFRESH_NANOS) {
      return;
    }
    lastPrint = now;
    long millis = (now - start) / 1_000_000;
    long done = bytes.get();
    StringBuilder line =
        new StringBuilder()
            .append(what)
            .append(": ")
            .append(files.get())
            .append(" ")
            .append(unit)
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
    err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
    err.flush();
    lastWidth = text.length();
  }

  @Override
  public synchronized void close() {
    if (enabled && lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
    }
  }
}

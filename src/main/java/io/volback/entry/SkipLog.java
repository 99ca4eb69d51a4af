package io.volback.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * SkipLog collects the entries a source could not read (vanished, unreadable, unsupported type), so
 * that the snapshot can record them and the run can exit 3. It keeps the first KEPT paths and
 * counts the rest; each skip is also passed on as a warning line. Thread-safe.
 */
public final class SkipLog {
  /** How many skipped paths are kept by name; more are only counted. */
  public static final int KEPT = 1000;

  /** Skipped is one entry left out of a snapshot, and why. */
  public record Skipped(String path, String reason) {}

  private final Consumer<String> warnings;
  private final List<Skipped> kept = new ArrayList<>();
  private long count;

  public SkipLog(Consumer<String> warnings) {
    this.warnings = warnings;
  }

  /** Records that path was left out because of reason, and warns. */
  public void skipped(String path, String reason) {
    synchronized (this) {
      count++;
      if (kept.size() < KEPT) {
        kept.add(new Skipped(path, reason));
      }
    }
    warnings.accept(ByteNames.printable(path) + ": skipped: " + reason);
  }

  /** A warning that does not mean an entry is missing. */
  public void warn(String message) {
    warnings.accept(message);
  }

  public synchronized long count() {
    return count;
  }

  /** The first KEPT skipped entries, in the order they were skipped. */
  public synchronized List<Skipped> kept() {
    return List.copyOf(kept);
  }
}

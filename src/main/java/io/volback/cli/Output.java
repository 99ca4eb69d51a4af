package io.volback.cli;

import io.volback.app.UsageException;
import io.volback.cli.json.JsonOutput;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Output is how a command speaks, after the global options: text or --json, -q (only results and
 * errors), -v and -vv (more detail), and progress, shown on a terminal only, at
 * VOLBACK_PROGRESS_FPS updates a second (2 by default, at most 60).
 */
final class Output {
  static final double DEFAULT_FPS = 2;
  static final double MAX_FPS = 60;

  final PrintWriter out;
  final PrintWriter err;
  final boolean json;
  final int verbosity;
  private final boolean terminal;
  private final long refreshNanos;

  Output(
      PrintWriter out,
      PrintWriter err,
      boolean json,
      int verbosity,
      boolean terminal,
      Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.verbosity = verbosity;
    this.terminal = terminal;
    this.refreshNanos = (long) (1_000_000_000L / fps(env.get("VOLBACK_PROGRESS_FPS")));
  }

  static double fps(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_FPS;
    }
    try {
      double fps = Double.parseDouble(value.strip());
      if (fps > 0 && Double.isFinite(fps)) {
        return Math.min(fps, MAX_FPS);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "VOLBACK_PROGRESS_FPS must be a positive number of updates a second, not '" + value + "'");
  }

  boolean quiet() {
    return verbosity < 0;
  }

  /** Text progress: on a terminal, without --json and -q. */
  boolean textProgress() {
    return !json && !quiet() && terminal;
  }

  /** Status lines on stdout: with --json, unless -q. */
  boolean jsonProgress() {
    return json && !quiet();
  }

  long refreshNanos() {
    return refreshNanos;
  }

  /** An informational line on stdout: not with -q or --json. */
  void info(String line) {
    if (!json && !quiet()) {
      println(out, line);
    }
  }

  /** A line on stdout for -v (level 1) or -vv (level 2), never with --json. */
  void verbose(int level, String line) {
    if (!json && verbosity >= level) {
      println(out, line);
    }
  }

  /** A JSON-lines record on stdout. */
  void jsonLine(Object record) {
    println(out, JsonOutput.line(record));
  }

  /** A JSON-lines record on stderr (errors and warnings). */
  void jsonError(Object record) {
    println(err, JsonOutput.line(record));
  }

  private static void println(PrintWriter w, String line) {
    synchronized (w) {
      w.println(line);
      w.flush();
    }
  }
}

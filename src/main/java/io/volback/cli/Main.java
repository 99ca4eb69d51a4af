package io.volback.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Main is the entry point of the volback command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String badLevel = LogSettings.levelError(System.getenv());
    if (badLevel != null) {
      System.err.println("volback: error: " + badLevel);
      System.exit(ExitCode.USAGE);
    }
    LogSettings.apply(System.getenv());
    InterruptExit.install();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          System.err.println(
              ErrorReporter.causedByOutOfMemory(e)
                  ? ErrorReporter.outOfMemory()
                  : "volback: error: " + thread.getName() + ": " + ErrorReporter.message(e));
        });
    System.exit(run(args));
  }

  /** Runs volback with args and returns the exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs volback with args, printing to out and err, and returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Main.class);
    if (log.isDebugEnabled()) { // the management classes cost a cold JVM tens of ms
      log.debug(
          "JVM up {} ms after start",
          System.currentTimeMillis()
              - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
    }
    CommandLine cli = VolbackCommand.commandLine(args);
    cli.setOut(out);
    cli.setErr(err);
    ErrorReporter reporter = new ErrorReporter();
    cli.setParameterExceptionHandler(reporter);
    cli.setExecutionExceptionHandler(reporter);
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      err.println(ErrorReporter.outOfMemory());
      err.flush();
      return ExitCode.FAILED;
    }
  }
}

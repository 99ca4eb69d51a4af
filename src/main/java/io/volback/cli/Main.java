package io.volback.cli;

import picocli.CommandLine;

/** Main is the entry point of the volback command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs volback with args and returns the exit code (used by tests too). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new VolbackCommand());
    ErrorReporter reporter = new ErrorReporter();
    cli.setParameterExceptionHandler(reporter);
    cli.setExecutionExceptionHandler(reporter);
    return cli.execute(args);
  }
}

package io.volback.cli;

import io.volback.app.UsageException;
import io.volback.cli.json.ExitErrorJson;
import io.volback.cli.json.JsonOutput;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * ErrorReporter turns failures into one line on stderr, {@code volback: error: ...}, and an exit
 * code (ExitCode.of). --debug adds the stack trace.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
  private static final String ERROR = "volback: error: ";

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    PrintWriter err = ex.getCommandLine().getErr();
    if (Arrays.asList(args).contains("--json")) {
      String msg = ex.getCause() instanceof UsageException u ? u.getMessage() : ex.getMessage();
      return exitError(err, ExitCode.USAGE, msg);
    }
    if (ex.getCause() instanceof UsageException usage) {
      // an option's converter rejected the value and said why, naming the option: that is the line
      err.println(ERROR + usage.getMessage());
      err.flush();
      return ExitCode.USAGE;
    }
    err.println(ERROR + ex.getMessage());
    err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitCode.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (causedByOutOfMemory(ex)) {
      err.println(outOfMemory());
      err.flush();
      return ExitCode.FAILED;
    }
    if (isJson(parsed)) {
      exitError(err, ExitCode.of(ex), message(ex));
      if (isDebug(parsed)) {
        ex.printStackTrace(err);
        err.flush();
      }
      return ExitCode.of(ex);
    }
    err.println(ERROR + message(ex));
    if (isDebug(parsed)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCode.of(ex);
  }

  /**
   * The one line for an OutOfMemoryError: the heap is bin/volback's fixed -Xmx, not the machine's
   * memory, so the remedy is a bigger one.
   */
  static String outOfMemory() {
    long heapMiB = Runtime.getRuntime().maxMemory() >> 20;
    return "volback: error: out of memory (the Java heap is "
        + heapMiB
        + " MiB); run again with a"
        + " larger heap, e.g. VOLBACK_JAVA_OPTS=-Xmx"
        + Math.max(512, 4 * heapMiB)
        + "m";
  }

  static boolean causedByOutOfMemory(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  static String message(Throwable ex) {
    String msg = ex.getMessage();
    if (msg == null || msg.isBlank()) {
      Throwable cause = ex.getCause();
      return cause != null && cause != ex ? message(cause) : ex.getClass().getSimpleName();
    }
    return msg;
  }

  /** Under --json a fatal error is one exit_error line on stderr (docs/json.md). */
  private static int exitError(PrintWriter err, int code, String message) {
    err.println(JsonOutput.line(ExitErrorJson.of(code, message)));
    err.flush();
    return code;
  }

  private static boolean isJson(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--json")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDebug(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}

package io.volback.cli.json;

/**
 * ExitErrorJson is the last line on stderr of a command that fails under --json: the exit code and
 * the message the text output would print (without the "volback: error: " prefix).
 */
public record ExitErrorJson(String messageType, int code, String message) {
  public static ExitErrorJson of(int code, String message) {
    return new ExitErrorJson("exit_error", code, message);
  }
}

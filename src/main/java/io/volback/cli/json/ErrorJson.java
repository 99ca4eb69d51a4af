package io.volback.cli.json;

/**
 * ErrorJson is a failure that did not stop the command (a volume that failed while others were
 * backed up), or a warning (message_type "warning"), printed on stderr as restic prints its "error"
 * lines: during says in which step, item names the volume or path.
 */
public record ErrorJson(String messageType, Message error, String during, String item) {
  public static ErrorJson error(String during, String item, String message) {
    return new ErrorJson("error", new Message(message), during, item);
  }

  public static ErrorJson warning(String during, String item, String message) {
    return new ErrorJson("warning", new Message(message), during, item);
  }

  /** Message is the error's text, one line. */
  public record Message(String message) {}
}

package io.volback.config;

import java.util.Objects;

/**
 * SecretRef says where a secret is read from (a file, an environment variable or a command), never
 * the secret itself. Its toString names a file or variable but hides a command, which may hold the
 * secret inline ("echo hunter2").
 *
 * @param source where the secret comes from
 * @param value the file path, variable name or command
 */
public record SecretRef(Source source, String value) {
  /** Source is where a SecretRef's secret is read. */
  public enum Source {
    /** The first line of a file. */
    FILE,
    /** An environment variable of the service. */
    ENV,
    /** The first line of the output of {@code sh -c COMMAND}. */
    COMMAND
  }

  public SecretRef {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(value, "value");
  }

  public static SecretRef file(String path) {
    return new SecretRef(Source.FILE, path);
  }

  public static SecretRef env(String variable) {
    return new SecretRef(Source.ENV, variable);
  }

  public static SecretRef command(String command) {
    return new SecretRef(Source.COMMAND, command);
  }

  @Override
  public String toString() {
    return switch (source) {
      case FILE -> "SecretRef[file " + value + "]";
      case ENV -> "SecretRef[environment variable " + value + "]";
      case COMMAND -> "SecretRef[command (hidden)]";
    };
  }
}

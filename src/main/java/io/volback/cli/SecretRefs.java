package io.volback.cli;

import io.volback.app.UsageException;
import io.volback.config.SecretRef;
import java.nio.file.Path;

/**
 * SecretRefs reads the secrets a service configuration file points at (never holds them itself).
 */
final class SecretRefs {
  private SecretRefs() {}

  /** The secret ref points at; what names it in errors ("the repository password"). */
  static String read(SecretRef ref, String what) {
    return switch (ref.source()) {
      case FILE -> SecretFile.firstLine(Path.of(ref.value()), what, "file " + ref.value());
      case ENV -> {
        String value = System.getenv(ref.value());
        if (value == null || value.isEmpty()) {
          throw new UsageException(what + ": environment variable " + ref.value() + " is not set");
        }
        yield value;
      }
      case COMMAND ->
          new String(
              new PasswordCommand(ref.value(), what + " command", PasswordCommand.LIMIT).run());
    };
  }
}

package io.volback.cli;

import io.volback.app.UsageException;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * NewPassword finds the new password of key add and key passwd: --new-password-file, else the file
 * VOLBACK_NEW_PASSWORD_FILE names, else a prompt (asked twice) on the terminal. Never empty.
 */
final class NewPassword {
  private NewPassword() {}

  static char[] resolve(Path option, Map<String, String> env) {
    if (option != null) {
      return SecretFile.firstLine(option, "the new password", "--new-password-file").toCharArray();
    }
    String file = new EnvSecrets(env).value("VOLBACK_NEW_PASSWORD_FILE");
    if (file != null) {
      return SecretFile.firstLine(Path.of(file), "the new password", "VOLBACK_NEW_PASSWORD_FILE")
          .toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new UsageException(
          "no new password: use --new-password-file or set VOLBACK_NEW_PASSWORD_FILE");
    }
    char[] first = console.readPassword("new password: ");
    if (first == null || first.length == 0) {
      throw new UsageException("an empty password is not allowed");
    }
    char[] again = console.readPassword("enter it again: ");
    if (!Arrays.equals(first, again)) {
      throw new UsageException("the passwords do not match");
    }
    return first;
  }
}

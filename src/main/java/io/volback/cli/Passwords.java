package io.volback.cli;

import io.volback.app.UsageException;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Passwords finds the repository password: --password-file, then VOLBACK_PASSWORD_FILE, then
 * VOLBACK_PASSWORD, then a prompt on the terminal. The password itself never appears in messages.
 */
final class Passwords {
  private final Path passwordFile;
  private final Map<String, String> env;

  Passwords(Path passwordFile, Map<String, String> env) {
    this.passwordFile = passwordFile;
    this.env = env;
  }

  char[] resolve(boolean confirm) {
    if (passwordFile != null) {
      return readFile(passwordFile, "--password-file");
    }
    String file = env.get("VOLBACK_PASSWORD_FILE");
    if (file != null && !file.isEmpty()) {
      return readFile(Path.of(file), "VOLBACK_PASSWORD_FILE");
    }
    String password = env.get("VOLBACK_PASSWORD");
    if (password != null && !password.isEmpty()) {
      return password.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new UsageException(
          "no repository password: set VOLBACK_PASSWORD or"
              + " VOLBACK_PASSWORD_FILE, or use --password-file");
    }
    return prompt(console, confirm);
  }

  private static char[] prompt(Console console, boolean confirm) {
    char[] first = console.readPassword("repository password: ");
    if (first == null || first.length == 0) {
      throw new UsageException("an empty password is not allowed");
    }
    if (confirm) {
      char[] again = console.readPassword("enter it again: ");
      if (!Arrays.equals(first, again)) {
        throw new UsageException("the passwords do not match");
      }
    }
    return first;
  }

  private static char[] readFile(Path file, String source) {
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      String firstLine = content.lines().findFirst().orElse("");
      if (firstLine.isEmpty()) {
        throw new UsageException("the password file " + file + " (" + source + ") is empty");
      }
      return firstLine.toCharArray();
    } catch (IOException e) {
      throw new UsageException(
          "cannot read the password file "
              + file
              + " ("
              + source
              + "): "
              + e.getClass().getSimpleName().replace("Exception", "")
              + " "
              + e.getMessage());
    }
  }
}

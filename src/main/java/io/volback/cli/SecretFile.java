package io.volback.cli;

import io.volback.app.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SecretFile reads a secret from a file: its first line. Errors name the file and where its name
 * came from (an option or variable), never the content.
 */
final class SecretFile {
  private SecretFile() {}

  /**
   * The first line of file, which holds what ("the password"); source names where file came from.
   */
  static String firstLine(Path file, String what, String source) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException(
          "cannot read "
              + what
              + " file "
              + file
              + " ("
              + source
              + "): "
              + e.getClass().getSimpleName().replace("Exception", "")
              + " "
              + e.getMessage());
    }
    String line = content.lines().findFirst().orElse("");
    if (line.isEmpty()) {
      throw new UsageException(what + " file " + file + " (" + source + ") is empty");
    }
    return line;
  }
}

package io.volback.cli;

import io.volback.app.UsageException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Passwords finds the repository password. A source given on the command line (-p/--password-file,
 * --password-command, --password-stdin) wins over the environment (VOLBACK_PASSWORD_FILE,
 * VOLBACK_PASSWORD_COMMAND, VOLBACK_PASSWORD); with neither, a prompt on the terminal. Two sources
 * at the same level are a usage error naming both. Standard input is read only when
 * --password-stdin says so. The password itself never appears in messages.
 */
final class Passwords {
  /** The command line's password options. */
  record Options(Path file, String command, boolean stdin) {
    static final Options NONE = new Options(null, null, false);
  }

  private final Options options;
  private final EnvSecrets env;
  private final InputStream stdin;

  Passwords(Options options, Map<String, String> env, InputStream stdin) {
    this.options = options;
    this.env = new EnvSecrets(env);
    this.stdin = stdin;
  }

  /** Whether the command line or the environment gives a password (without reading it). */
  boolean given() {
    return options.file() != null
        || (options.command() != null && !options.command().isBlank())
        || options.stdin()
        || !environment().isEmpty();
  }

  char[] resolve(boolean confirm) {
    List<Source> given = new ArrayList<>();
    if (options.file() != null) {
      given.add(new Source("--password-file", () -> fromFile(options.file(), "--password-file")));
    }
    if (options.command() != null && !options.command().isBlank()) {
      given.add(
          new Source(
              "--password-command", () -> fromCommand(options.command(), "--password-command")));
    }
    if (options.stdin()) {
      given.add(new Source("--password-stdin", this::fromStdin));
    }
    if (given.isEmpty()) {
      given.addAll(environment());
    }
    if (given.size() > 1) {
      throw new UsageException(
          given.get(0).name() + " and " + given.get(1).name() + " both give the password: use one");
    }
    if (given.size() == 1) {
      return given.get(0).read().get();
    }
    Console console = System.console();
    if (console == null) {
      throw new UsageException(
          "no repository password: use -p/--password-file, --password-command or"
              + " --password-stdin, or set VOLBACK_PASSWORD_FILE, VOLBACK_PASSWORD_COMMAND or"
              + " VOLBACK_PASSWORD");
    }
    return prompt(console, confirm);
  }

  private List<Source> environment() {
    List<Source> found = new ArrayList<>();
    String file = env.value("VOLBACK_PASSWORD_FILE");
    if (file != null) {
      found.add(
          new Source(
              "VOLBACK_PASSWORD_FILE", () -> fromFile(Path.of(file), "VOLBACK_PASSWORD_FILE")));
    }
    String command = env.value("VOLBACK_PASSWORD_COMMAND");
    if (command != null) {
      found.add(
          new Source(
              "VOLBACK_PASSWORD_COMMAND", () -> fromCommand(command, "VOLBACK_PASSWORD_COMMAND")));
    }
    String password = env.value("VOLBACK_PASSWORD");
    if (password != null) {
      found.add(0, new Source("VOLBACK_PASSWORD", password::toCharArray));
    }
    return found;
  }

  private static char[] fromFile(Path file, String source) {
    return SecretFile.firstLine(file, "the password", source).toCharArray();
  }

  private static char[] fromCommand(String command, String source) {
    return new PasswordCommand(command, source, PasswordCommand.LIMIT).run();
  }

  private char[] fromStdin() {
    try {
      // No BufferedReader over System.in beyond this line's need: nothing else reads stdin.
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      String line = reader.readLine();
      if (line == null || line.isEmpty()) {
        throw new UsageException("no password on standard input (--password-stdin)");
      }
      return line.toCharArray();
    } catch (IOException e) {
      throw new UsageException("cannot read the password from standard input: " + e.getMessage());
    }
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

  /** Source is one place a password may come from, read only when chosen. */
  private record Source(String name, Supplier<char[]> read) {}
}

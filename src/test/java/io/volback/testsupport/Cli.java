package io.volback.testsupport;

import io.volback.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cli runs volback's command line in this JVM with a repository and password file, capturing exit
 * code, stdout and stderr. Global options come first, as users type them.
 */
public final class Cli {
  private final List<String> globals = new ArrayList<>();

  public Cli(String repository, Path passwordFile) {
    globals.addAll(List.of("-r", repository, "--password-file", passwordFile.toString()));
  }

  public static Path passwordFile(Path dir, String password) throws IOException {
    Path file = dir.resolve("password-" + password.hashCode());
    Files.writeString(file, password + "\n");
    return file;
  }

  public Cli with(String... options) {
    Cli copy = new Cli();
    copy.globals.addAll(globals);
    copy.globals.addAll(List.of(options));
    return copy;
  }

  private Cli() {}

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(globals);
    all.addAll(List.of(args));
    int code =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  /** Result of one run. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}

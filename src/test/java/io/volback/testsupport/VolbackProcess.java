package io.volback.testsupport;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * VolbackProcess starts volback's main class in a separate JVM (the test class path), with an
 * environment the test controls: for behaviour that needs a real process (kill -9, environment
 * variables, exit codes seen by a shell).
 */
public final class VolbackProcess {
  private VolbackProcess() {}

  public static ProcessBuilder builder(Map<String, String> env, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                // A test run started in the background (CI, `cmd &`) inherits SIGINT ignored, and
                // the JVM keeps an ignored SIGINT ignored: tests of Ctrl-C need it back. env execs
                // java in place, so the pid is the JVM's.
                "env",
                "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                // bin/volback's choices for short commands: C2's compilations cost a child that
                // lives seconds more CPU than they save, on 2 cores shared by two test JVMs.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "io.volback.testsupport.CheapKeys"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("VOLBACK_") || k.startsWith("AWS_"));
    pb.environment().putAll(env);
    return pb;
  }

  /** Adds a JVM option to a command of {@link #builder}, right after the java executable. */
  public static void addJvmOption(ProcessBuilder pb, String option) {
    List<String> command = pb.command();
    for (int i = 0; i < command.size(); i++) {
      if (command.get(i).endsWith("/bin/java")) {
        command.add(i + 1, option);
        return;
      }
    }
    throw new IllegalArgumentException("no java in " + command);
  }

  /**
   * The longest a volback run started by a test may take before it is killed and the test fails.
   */
  public static final Duration LIMIT = Duration.ofMinutes(5);

  /** Runs to completion (at most {@link #LIMIT}) and returns exit code, stdout and stderr. */
  public static Cli.Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return run(builder(env, args), StandardCharsets.UTF_8);
  }

  /**
   * Runs pb (from {@link #builder}, adjusted) to completion, at most {@link #LIMIT}, and returns
   * exit code, stdout and stderr decoded with charset.
   */
  public static Cli.Result run(ProcessBuilder pb, Charset charset)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("volback-out", ".txt");
    Path err = Files.createTempFile("volback-err", ".txt");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      int code = Processes.awaitOrKill(p, LIMIT, String.join(" ", pb.command()));
      return new Cli.Result(
          code,
          new String(Files.readAllBytes(out), charset),
          new String(Files.readAllBytes(err), charset));
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
  }
}

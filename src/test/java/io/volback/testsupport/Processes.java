package io.volback.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Processes runs child processes with a bound on every wait: output goes to a file (so a full pipe
 * never blocks the child and reading it never blocks the test), and a child that outlives its limit
 * is killed and fails the test with what it printed so far.
 */
public final class Processes {
  private Processes() {}

  /** Exit code and combined stdout and stderr of a finished process. */
  public record Finished(int exitCode, byte[] bytes) {
    /** The output as UTF-8 text. */
    public String output() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * Starts {@code pb} with stderr merged into stdout and stdin closed; waits at most {@code limit}.
   */
  public static Finished run(ProcessBuilder pb, Duration limit)
      throws IOException, InterruptedException {
    File out = File.createTempFile("process-out", ".txt");
    try {
      Process p = pb.redirectErrorStream(true).redirectOutput(out).start();
      p.getOutputStream().close();
      awaitOrKill(p, limit, String.join(" ", pb.command()), out);
      return new Finished(p.exitValue(), Files.readAllBytes(out.toPath()));
    } finally {
      out.delete();
    }
  }

  /** Waits at most {@code limit} for {@code p}; on timeout kills it and throws. */
  public static int awaitOrKill(Process p, Duration limit, String what)
      throws InterruptedException {
    return awaitOrKill(p, limit, what, null);
  }

  static int awaitOrKill(Process p, Duration limit, String what, File output)
      throws InterruptedException {
    try {
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        String printed = "";
        if (output != null) {
          try {
            printed = "; it printed:\n" + Files.readString(output.toPath(), StandardCharsets.UTF_8);
          } catch (IOException ignored) {
            // The timeout is the failure worth reporting.
          }
        }
        throw new AssertionError(
            what + " did not finish in " + limit + " and was killed" + printed);
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      throw e;
    }
  }
}

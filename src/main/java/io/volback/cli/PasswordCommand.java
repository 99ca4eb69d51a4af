package io.volback.cli;

import io.volback.app.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PasswordCommand runs a user's command through sh -c and takes the first line of its stdout as the
 * password, as restic's --password-command. Its stdin and stderr are volback's, so it can prompt (a
 * pinentry, a vault login). Errors never show what it printed on stdout.
 */
final class PasswordCommand {
  static final Duration LIMIT = Duration.ofMinutes(2);
  private static final int MAX_OUTPUT = 64 * 1024;

  private final String command;
  private final String source;
  private final Duration limit;

  PasswordCommand(String command, String source, Duration limit) {
    this.command = command;
    this.source = source;
    this.limit = limit;
  }

  char[] run() {
    Process process;
    try {
      process =
          new ProcessBuilder("sh", "-c", command)
              .redirectInput(ProcessBuilder.Redirect.INHERIT)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      throw new UsageException(
          "cannot start the password command (" + source + "): " + e.getMessage());
    }
    CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> read(process));
    try {
      byte[] output = stdout.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw timedOut(process);
      }
      int exit = process.exitValue();
      try {
        if (exit != 0) {
          throw new UsageException(
              "the password command (" + source + ") failed with exit code " + exit);
        }
        return firstLine(output);
      } finally {
        Arrays.fill(output, (byte) 0);
      }
    } catch (TimeoutException e) {
      throw timedOut(process);
    } catch (ExecutionException e) {
      kill(process);
      throw new UsageException("cannot read the output of the password command (" + source + ")");
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new UsageException(
          "interrupted while waiting for the password command (" + source + ")");
    }
  }

  private char[] firstLine(byte[] output) {
    String text = new String(output, StandardCharsets.UTF_8);
    int end = 0;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    if (end == 0) {
      throw new UsageException("the password command (" + source + ") printed no password");
    }
    return text.substring(0, end).toCharArray();
  }

  private UsageException timedOut(Process process) {
    kill(process);
    return new UsageException(
        "the password command (" + source + ") did not finish within " + limit.toSeconds() + " s");
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static byte[] read(Process process) {
    try (InputStream in = process.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_OUTPUT);
      in.transferTo(java.io.OutputStream.nullOutputStream()); // let it finish writing
      return bytes;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

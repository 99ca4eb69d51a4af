package io.volback.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ServeProcess runs {@code volback serve} in a child JVM (the real entry point, real signals),
 * finds the HTTP address it prints, and stops it with SIGTERM; every wait is bounded.
 */
public final class ServeProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on ([^,\\s]+)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final String base;

  private ServeProcess(Process process, Path stdout, Path stderr, String base) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.base = base;
  }

  /**
   * Starts serve with args (after "serve" and the global options in args) and waits for its port.
   */
  public static ServeProcess start(Path logDir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Files.createDirectories(logDir);
    Path out = Files.createTempFile(logDir, "serve-out", ".txt");
    Path err = Files.createTempFile(logDir, "serve-err", ".txt");
    Process p =
        VolbackProcess.builder(env, args)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    p.getOutputStream().close();
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = LISTENING.matcher(Files.readString(out));
      if (m.find()) {
        return new ServeProcess(p, out, err, "http://" + m.group(1));
      }
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "serve exited with " + p.exitValue() + " before listening:\n" + Files.readString(err));
      }
      Thread.sleep(100);
    }
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    throw new IllegalStateException("serve did not listen within 90 s:\n" + Files.readString(err));
  }

  public String url(String path) {
    return base + path;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> post(String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path)))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  public Process process() {
    return process;
  }

  public String stderr() throws IOException {
    return Files.readString(stderr);
  }

  public String stdout() throws IOException {
    return Files.readString(stdout);
  }

  /** Sends SIGTERM and returns the exit code (killed after limit, which fails the caller). */
  public int terminate(Duration limit) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("serve did not stop within " + limit + " of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}

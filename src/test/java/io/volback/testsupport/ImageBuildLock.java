package io.volback.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * ImageBuildLock makes the test JVMs that run side by side (surefire's forks, other clones' runs)
 * take turns at importing or building one image on one engine, so it is made once, not once per
 * JVM. Bounded: a lock not had within the limit fails the test.
 */
final class ImageBuildLock {
  private static final Duration LIMIT = Duration.ofMinutes(15);

  private ImageBuildLock() {}

  static <T> T holding(String image, String engine, Supplier<T> action) {
    String key = Integer.toHexString((image + "@" + engine).hashCode());
    Path file =
        Path.of(System.getProperty("java.io.tmpdir"), "volback-test-image-" + key + ".lock");
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long deadline = System.nanoTime() + LIMIT.toNanos();
      FileLock held = channel.tryLock();
      while (held == null) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "another test JVM has been making " + image + " on " + engine + " for " + LIMIT);
        }
        Thread.sleep(500);
        held = channel.tryLock();
      }
      try (FileLock lock = held) {
        return action.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting to make " + image, e);
    }
  }
}

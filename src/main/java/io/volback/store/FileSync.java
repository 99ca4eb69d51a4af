package io.volback.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** FileSync makes writes to local files durable before a rename publishes them. */
public final class FileSync {
  private FileSync() {}

  /** Flushes file's content and metadata to disk (fsync); any descriptor of the file will do. */
  public static void file(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /**
   * Flushes dir's entries, making a rename into it durable. Best effort: some file systems cannot
   * open a directory, which is fine.
   */
  public static void directory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException ignored) {
      // best effort
    }
  }
}

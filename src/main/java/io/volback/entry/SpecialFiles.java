package io.volback.entry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * SpecialFiles does through small processes what the JDK cannot: create FIFOs and device nodes,
 * and set their mtime (the JDK opens the file to set times, which blocks on a FIFO).
 */
final class SpecialFiles {
  private SpecialFiles() {}

  /** Creates the node; returns null on success, else the tool's error message. */
  static String create(Path path, EntryType type, int major, int minor) throws IOException {
    String p = path.toAbsolutePath().toString();
    return switch (type) {
      case FIFO -> run(List.of("mkfifo", "--", p));
      case CHAR_DEVICE -> run(List.of("mknod", "--", p, "c", Integer.toString(major),
          Integer.toString(minor)));
      case BLOCK_DEVICE -> run(List.of("mknod", "--", p, "b", Integer.toString(major),
          Integer.toString(minor)));
      default -> throw new IllegalArgumentException("not a special file type: " + type);
    };
  }

  /** Sets mtime with nanoseconds without opening or following the file; null on success. */
  static String setMtime(Path path, Instant mtime) throws IOException {
    String stamp = "@" + mtime.getEpochSecond() + "." + String.format("%09d", mtime.getNano());
    return run(List.of("touch", "-h", "-m", "-d", stamp, "--", path.toAbsolutePath().toString()));
  }

  private static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (InputStream out = process.getInputStream()) {
      String output = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
      int rc = process.waitFor();
      return rc == 0 ? null : (output.isEmpty() ? command.get(0) + " exited " + rc : output);
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
  }
}

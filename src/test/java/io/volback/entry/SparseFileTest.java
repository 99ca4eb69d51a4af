package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Processes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A VM-style image: 2 GiB apparent size, 12 KiB of data. */
@Timeout(120)
class SparseFileTest {
  static final long SIZE = 2L << 30;
  static final long[] DATA_AT = {0, 1L << 30, SIZE - 4096};

  @TempDir Path tmp;

  @Test
  void aSparseFileIsRestoredSparseAndBackedUpWithoutReadingItsHoles() throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    writeSparseImage(src.resolve("disk.img"));
    List<String> warnings = new ArrayList<>();

    long readBefore = bytesReadByThisProcess();
    Trees.copy(new DirectorySource(src, warnings::add), new DirectorySink(dst, warnings::add));
    long read = bytesReadByThisProcess() - readBefore;

    assertThat(warnings).isEmpty();
    assertThat(read).as("bytes read from files").isLessThan(64L << 20);
    assertSameSparseImage(dst.resolve("disk.img"));
  }

  /** Writes 4 KiB of random data at each DATA_AT offset of a SIZE-byte file, holes elsewhere. */
  static void writeSparseImage(Path file) throws Exception {
    Random random = new Random(16);
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long at : DATA_AT) {
        byte[] block = new byte[4096];
        random.nextBytes(block);
        ch.write(ByteBuffer.wrap(block), at);
      }
      ch.truncate(SIZE);
    }
    assertThat(allocatedBytes(file)).isLessThan(1 << 20);
  }

  /** file has SIZE bytes, the data writeSparseImage wrote, and is as sparse. */
  static void assertSameSparseImage(Path file) throws Exception {
    assertThat(Files.size(file)).isEqualTo(SIZE);
    assertThat(allocatedBytes(file)).as("bytes allocated on disk").isLessThan(1 << 20);
    Random random = new Random(16);
    try (FileChannel ch = FileChannel.open(file)) {
      for (long at : DATA_AT) {
        byte[] expected = new byte[4096];
        random.nextBytes(expected);
        ByteBuffer actual = ByteBuffer.allocate(4096);
        ch.read(actual, at);
        assertThat(actual.array()).as("data at " + at).isEqualTo(expected);
      }
      ByteBuffer between = ByteBuffer.allocate(1 << 20);
      ch.read(between, 1L << 29);
      assertThat(between.array()).containsOnly(0);
    }
  }

  /** st_blocks * 512, from stat(1). */
  static long allocatedBytes(Path file) throws Exception {
    Processes.Finished stat =
        Processes.run(
            new ProcessBuilder("stat", "-c", "%b", file.toString()), Duration.ofSeconds(30));
    assertThat(stat.exitCode()).as(stat.output()).isZero();
    return Long.parseLong(stat.output().trim()) * 512;
  }

  /** rchar of /proc/self/io: bytes this JVM read through read(2) and friends. */
  static long bytesReadByThisProcess() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
      if (line.startsWith("rchar:")) {
        return Long.parseLong(line.substring(6).trim());
      }
    }
    throw new IOException("no rchar in /proc/self/io");
  }
}

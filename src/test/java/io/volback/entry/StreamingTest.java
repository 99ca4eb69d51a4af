package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.TestTrees;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 200 MiB sparse file goes directory -> tar -> directory through a pipe, never staged. */
class StreamingTest {
  @TempDir Path tmp;

  @Test
  void bigSparseFileStreamsThroughATarPipe() throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    try (RandomAccessFile f = new RandomAccessFile(src.resolve("big.img").toFile(), "rw")) {
      f.setLength(200L * 1024 * 1024);
      for (long off = 0; off < f.length(); off += 37L * 1024 * 1024) {
        f.seek(off);
        f.write(("block at " + off).getBytes());
      }
    }
    List<String> warnings = new ArrayList<>();
    try (PipedInputStream in = new PipedInputStream(1024 * 1024);
        PipedOutputStream out = new PipedOutputStream(in)) {
      CompletableFuture<Void> reader =
          CompletableFuture.runAsync(
              () -> {
                try {
                  Trees.copy(new TarEntrySource(in, true), new DirectorySink(dst, warnings::add));
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      Trees.copy(new DirectorySource(src, warnings::add), new TarEntrySink(out, "data"));
      out.close();
      reader.get(5, TimeUnit.MINUTES);
    }
    assertThat(warnings).isEmpty();
    assertThat(TestTrees.describe(dst)).isEqualTo(TestTrees.describe(src));
  }
}

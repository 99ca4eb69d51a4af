package io.volback.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.volback.entry.ConcurrentFileSink;
import io.volback.entry.DirectorySink;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FileWritersTest {
  @TempDir Path tmp;

  @Test
  void concurrentRestoreNeverWritesThroughASymlinkThatReplacesADirectoryWithAFileInFlight()
      throws Exception {
    Path volume = Files.createDirectory(tmp.resolve("volume"));
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    CountDownLatch release = new CountDownLatch(1);
    Throwable symlinkWrite;
    Throwable filesWritten;
    try (DirectorySink directory = new DirectorySink(volume, w -> {})) {
      PausedSink sink = new PausedSink(directory, release);
      try (FileWriters files = new FileWriters(sink, null, RestoreListener.NONE)) {
        sink.write(FileEntry.builder("/", EntryType.DIRECTORY).build(), null);
        // A crafted snapshot: a/ (dir), a/evil (file, held on its worker), a -> outside.
        sink.write(FileEntry.builder("/a", EntryType.DIRECTORY).build(), null);
        files.write(FileEntry.builder("/a/evil", EntryType.FILE).build(), List.of());
        symlinkWrite =
            catchThrowable(
                () ->
                    sink.write(
                        FileEntry.builder("/a", EntryType.SYMLINK)
                            .linkTarget(outside.toString())
                            .build(),
                        null));
        release.countDown();
        filesWritten = catchThrowable(files::awaitAll);
      }
    }
    assertThat(outside).isEmptyDirectory();
    assertThat(symlinkWrite).isInstanceOf(IOException.class).hasMessageContaining("/a");
    assertThat(filesWritten).isNull();
    assertThat(volume.resolve("a/evil")).isRegularFile();
  }

  /** A sink whose file writes wait for a latch, as a worker busy fetching blobs would. */
  private record PausedSink(DirectorySink sink, CountDownLatch release)
      implements ConcurrentFileSink {
    @Override
    public FileWrite prepareFile(FileEntry entry) throws IOException {
      FileWrite write = sink.prepareFile(entry);
      return content -> {
        try {
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IOException("never released");
          }
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
        write.write(content);
      };
    }

    @Override
    public void write(FileEntry entry, InputStream content) throws IOException {
      sink.write(entry, content);
    }

    @Override
    public void finish() throws IOException {
      sink.finish();
    }

    @Override
    public void close() throws IOException {
      sink.close();
    }
  }
}

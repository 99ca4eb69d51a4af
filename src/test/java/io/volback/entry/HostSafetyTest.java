package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container that shares a volume can swap any directory for a symlink while volback reads or
 * writes the volume as root: nothing outside the tree may ever be read, written or changed. The
 * swaps happen at fixed points (inside a content stream, between steps), never by timing.
 */
@Timeout(60)
class HostSafetyTest {
  private static final String SECRET = "host secret: root only";

  @TempDir Path tmp;
  Path volume;
  Path outside;
  final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    volume = Files.createDirectory(tmp.resolve("volume"));
    outside = Files.createDirectory(tmp.resolve("outside"));
    Files.setAttribute(outside, "unix:mode", 0700);
  }

  @Test
  void backupNeverReadsAHostFileSwappedInByASymlinkDuringTheWalk() throws Exception {
    Path d = Files.createDirectory(volume.resolve("d"));
    byte[] large = new byte[4 << 20];
    new Random(1).nextBytes(large);
    Files.write(d.resolve("large"), large);
    Files.writeString(d.resolve("small"), "volume data");
    Path hostFile = Files.writeString(outside.resolve("small"), SECRET);
    Files.setAttribute(hostFile, "unix:mode", 0600);
    SkipLog skips = new SkipLog(warnings::add);

    Map<String, String> contents = new HashMap<>(); // path -> what its content was
    new DirectorySource(volume, skips)
        .forEach(
            (entry, content) -> {
              if (content == null) {
                return;
              }
              try (InputStream in = content.open()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(in.readNBytes(64 * 1024));
                if (entry.path().equals("/d/large")) {
                  // While the large file is read, d becomes a symlink to a host directory.
                  Files.delete(d.resolve("large"));
                  Files.delete(d.resolve("small"));
                  Files.delete(d);
                  Files.createSymbolicLink(d, outside);
                }
                in.transferTo(out);
                String text = out.toString(StandardCharsets.ISO_8859_1);
                contents.put(
                    entry.path(),
                    text.contains(SECRET)
                        ? "the host file"
                        : Arrays.equals(out.toByteArray(), large) ? "the large file" : "other");
              }
            });

    assertThat(contents).containsExactly(Map.entry("/d/large", "the large file"));
    assertThat(skips.kept()).extracting(SkipLog.Skipped::path).containsExactly("/d/small");
    assertThat(skips.count()).isEqualTo(1);
  }

  @Test
  void anEntrySwappedBetweenItsListingAndItsOpenIsSkippedNotFollowed() throws Exception {
    Files.createDirectory(volume.resolve("d"));
    Files.writeString(volume.resolve("d/inner"), "volume data");
    Files.writeString(volume.resolve("f"), "volume data");
    Files.writeString(outside.resolve("inner"), SECRET);
    Path hostFile = Files.writeString(tmp.resolve("host-file"), SECRET);
    SkipLog skips = new SkipLog(warnings::add);
    List<String> read = new ArrayList<>();

    new DirectorySource(volume, skips)
        .beforeOpen(
            path -> {
              Path p = volume.resolve(path.substring(1));
              Files.move(p, tmp.resolve("moved-" + p.getFileName()));
              Files.createSymbolicLink(p, path.equals("/d") ? outside : hostFile);
            })
        .forEach(
            (entry, content) -> {
              read.add(entry.path());
              if (content != null) {
                try (InputStream in = content.open()) {
                  assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                      .doesNotContain(SECRET);
                }
              }
            });

    assertThat(read).containsExactly("/");
    assertThat(skips.kept()).extracting(SkipLog.Skipped::path).containsExactly("/d", "/f");
    assertThat(skips.kept()).allMatch(s -> s.reason().startsWith("replaced during the walk"));
  }

  @Test
  void restoreNeverChangesModesThroughASymlinkSwappedInDuringTheWrite() throws Exception {
    DirectorySink sink = new DirectorySink(volume, warnings::add);
    sink.write(dir("/"), null);
    sink.write(FileEntry.builder("/d", EntryType.DIRECTORY).mode(0777).build(), null);
    sink.write(file("/d/f", "in d"), content("in d"));
    // While a later file is written, _data/d is swapped for a symlink to a 0700 host directory.
    sink.write(
        file("/z", "last"),
        new SwappingStream(
            "last",
            () -> {
              Files.move(volume.resolve("d"), tmp.resolve("d-moved"));
              Files.createSymbolicLink(volume.resolve("d"), outside);
            }));

    Throwable failure = catchThrowable(sink::finish);
    sink.close();

    assertThat(mode(outside)).isEqualTo(0700);
    assertThat(outside).isEmptyDirectory();
    assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("/d");
  }

  @Test
  void restoreNeverWritesAFileInFlightThroughADirectorySwappedForASymlink() throws Exception {
    DirectorySink sink = new DirectorySink(volume, warnings::add);
    sink.write(dir("/"), null);
    sink.write(FileEntry.builder("/d", EntryType.DIRECTORY).mode(0777).build(), null);
    ConcurrentFileSink.FileWrite inFlight = sink.prepareFile(file("/d/f", "worker data"));
    Files.move(volume.resolve("d"), tmp.resolve("d-moved"));
    Files.createSymbolicLink(volume.resolve("d"), outside);

    catchThrowable(() -> inFlight.write(content("worker data")));
    Throwable failure = catchThrowable(sink::finish);
    sink.close();

    assertThat(outside).isEmptyDirectory();
    assertThat(mode(outside)).isEqualTo(0700);
    assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("/d");
  }

  @Test
  void concurrentSinkNeverWritesThroughASymlinkThatReplacesADirectoryWithAFileInFlight()
      throws Exception {
    DirectorySink sink = new DirectorySink(volume, warnings::add);
    sink.write(dir("/"), null);
    // A crafted snapshot: a/ (dir), a/evil (file, queued on a worker), a -> outside (symlink).
    sink.write(dir("/a"), null);
    ConcurrentFileSink.FileWrite queued = sink.prepareFile(file("/a/evil", "evil"));
    Throwable replaced =
        catchThrowable(
            () ->
                sink.write(
                    FileEntry.builder("/a", EntryType.SYMLINK)
                        .linkTarget(outside.toString())
                        .build(),
                    null));
    Throwable written = catchThrowable(() -> queued.write(content("evil")));
    sink.close();

    assertThat(outside).isEmptyDirectory();
    assertThat(replaced)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/a")
        .hasMessageContaining("non-empty directory");
    assertThat(written).isNull();
    assertThat(volume.resolve("a/evil")).hasContent("evil");
  }

  private static FileEntry dir(String path) {
    return FileEntry.builder(path, EntryType.DIRECTORY).build();
  }

  private static FileEntry file(String path, String text) {
    return FileEntry.builder(path, EntryType.FILE).size(text.length()).build();
  }

  private static InputStream content(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  /** A content stream that runs an action before it delivers its first byte. */
  private static final class SwappingStream extends InputStream {
    private final InputStream in;
    private Action action;

    SwappingStream(String text, Action action) {
      this.in = content(text);
      this.action = action;
    }

    @Override
    public int read() throws IOException {
      swap();
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      swap();
      return in.read(b, off, len);
    }

    private void swap() throws IOException {
      if (action != null) {
        Action a = action;
        action = null;
        a.run();
      }
    }
  }

  @FunctionalInterface
  private interface Action {
    void run() throws IOException;
  }
}

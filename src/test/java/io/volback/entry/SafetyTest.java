package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetyTest {
  @TempDir Path tmp;
  Path root;
  Path outside;
  DirectorySink sink;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectory(tmp.resolve("root"));
    outside = Files.createDirectory(tmp.resolve("outside"));
    Files.writeString(outside.resolve("passwd"), "untouched");
    sink = new DirectorySink(root, w -> {});
    sink.write(FileEntry.builder("/", EntryType.DIRECTORY).build(), null);
  }

  private static FileEntry file(String path) {
    return FileEntry.builder(path, EntryType.FILE).size(4).build();
  }

  private static InputStream evil() {
    return new ByteArrayInputStream("evil".getBytes());
  }

  @Test
  void rejectsDotDotInPaths() {
    assertThatThrownBy(() -> sink.write(file("/../outside/passwd"), evil()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/../outside/passwd");
    assertThatThrownBy(() -> sink.write(file("/a/../../x"), evil()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/a/../../x");
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void rejectsDotDotInHardLinkTargets() {
    assertThatThrownBy(
            () ->
                sink.write(
                    FileEntry.builder("/hl", EntryType.HARDLINK)
                        .linkTarget("/../outside/passwd")
                        .build(),
                    null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/../outside/passwd");
    assertThat(root.resolve("hl")).doesNotExist();
  }

  @Test
  void neverWritesThroughASymlinkFromAnEarlierEntry() throws Exception {
    sink.write(
        FileEntry.builder("/evil", EntryType.SYMLINK).linkTarget(outside.toString()).build(), null);
    assertThatThrownBy(() -> sink.write(file("/evil/passwd"), evil()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/evil/passwd");
    assertThatThrownBy(
            () -> sink.write(FileEntry.builder("/evil/sub", EntryType.DIRECTORY).build(), null))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () ->
                sink.write(
                    FileEntry.builder("/hl", EntryType.HARDLINK).linkTarget("/evil/passwd").build(),
                    null))
        .isInstanceOf(IOException.class);
    assertThat(outside.resolve("passwd")).hasContent("untouched");
    assertThat(outside).isDirectoryNotContaining(p -> !p.getFileName().toString().equals("passwd"));
  }

  @Test
  void aDirectoryReplacedByASymlinkIsNotTrustedAfterwards() throws Exception {
    sink.write(FileEntry.builder("/d", EntryType.DIRECTORY).build(), null);
    sink.write(file("/d/ok"), evil());
    Files.delete(root.resolve("d/ok"));
    sink.write(
        FileEntry.builder("/d", EntryType.SYMLINK).linkTarget(outside.toString()).build(), null);
    assertThatThrownBy(() -> sink.write(file("/d/passwd"), evil())).isInstanceOf(IOException.class);
    assertThat(outside.resolve("passwd")).hasContent("untouched");
  }

  @Test
  void aFileEntryReplacesASymlinkInsteadOfFollowingIt() throws Exception {
    sink.write(
        FileEntry.builder("/f", EntryType.SYMLINK)
            .linkTarget(outside.resolve("passwd").toString())
            .build(),
        null);
    sink.write(file("/f"), evil());
    assertThat(outside.resolve("passwd")).hasContent("untouched");
    assertThat(root.resolve("f")).isRegularFile().hasContent("evil");
  }

  @Test
  void tarMembersCannotEscapeTheRoot() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry e = new TarArchiveEntry("../outside/passwd", true);
      e.setSize(4);
      tar.putArchiveEntry(e);
      tar.write("evil".getBytes());
      tar.closeArchiveEntry();
    }
    assertThatThrownBy(
            () ->
                Trees.copy(
                    new TarEntrySource(new ByteArrayInputStream(bytes.toByteArray()), false),
                    new DirectorySink(root, w -> {})))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("..");
    assertThat(outside.resolve("passwd")).hasContent("untouched");
  }
}

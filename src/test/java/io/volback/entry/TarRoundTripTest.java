package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.testsupport.TestTrees;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarRoundTripTest {
  @TempDir Path tmp;

  private Path writeTar(Path src, String rootName) throws Exception {
    Path tar = tmp.resolve("out-" + rootName.replace('.', '_') + ".tar");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar))) {
      Trees.copy(new DirectorySource(src, w -> {}), new TarEntrySink(out, rootName));
    }
    return tar;
  }

  @Test
  void directoryThroughTarToDirectoryKeepsEverything() throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    TestTrees.populate(src, 11);
    Path tar = writeTar(src, ".");

    List<String> warnings = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tar))) {
      Trees.copy(new TarEntrySource(in, false), new DirectorySink(dst, warnings::add));
    }
    assertThat(warnings).isEmpty();
    assertThat(TestTrees.describe(dst)).isEqualTo(TestTrees.describe(src));

    try (InputStream in = Files.newInputStream(tar)) {
      List<FileEntry> entries = Trees.entries(new TarEntrySource(in, false));
      assertThat(entries.get(0).path()).isEqualTo("/");
      assertThat(entries)
          .filteredOn(e -> e.type() == EntryType.HARDLINK)
          .singleElement()
          .satisfies(e -> assertThat(e.linkTarget()).isEqualTo("/data/text/original.txt"));
      assertThat(entries).allSatisfy(e -> assertThat(e.inode()).isNull());
    }
  }

  @Test
  void entriesSurviveTheTarExactly() throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    TestTrees.populate(src, 12);
    List<FileEntry> original =
        Trees.entries(new DirectorySource(src, w -> {})).stream()
            .map(
                e ->
                    e.toBuilder()
                        .fileIdentity(null, null, null)
                        .size(e.type() == EntryType.FILE ? e.size() : 0)
                        .build())
            .toList();
    Path tar = writeTar(src, "data");
    try (InputStream in = Files.newInputStream(tar)) {
      assertThat(Trees.entries(new TarEntrySource(in, true))).isEqualTo(original);
    }
  }

  @Test
  void stripFirstComponentMapsDockerStyleNames() throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    TestTrees.populate(src, 13);
    Path tar = writeTar(src, "data");
    String listing = TestTrees.run("tar", "-tf", tar.toString());
    assertThat(listing.lines()).first().isEqualTo("data/");
    assertThat(listing.lines()).contains("data/data/text/original.txt", "data/small/f00.txt");

    try (InputStream in = Files.newInputStream(tar)) {
      Trees.copy(new TarEntrySource(in, true), new DirectorySink(dst, w -> {}));
    }
    assertThat(TestTrees.describe(dst)).isEqualTo(TestTrees.describe(src));
  }

  @Test
  void extremeValuesGoThroughPax() throws Exception {
    byte[] binary = {0, (byte) 0xff, (byte) 0xfe, 1};
    List<FileEntry> entries =
        List.of(
            FileEntry.builder("/", EntryType.DIRECTORY)
                .mode(0700)
                .uid(-2)
                .gid(3_000_000)
                .mtime(Instant.parse("1960-05-06T07:08:09.987654321Z"))
                .build(),
            FileEntry.builder("/dev", EntryType.CHAR_DEVICE).device(4095, 1048575).build(),
            FileEntry.builder("/fifo", EntryType.FIFO).mode(01644).build(),
            FileEntry.builder("/" + "x".repeat(300), EntryType.FILE)
                .size(3)
                .mtime(Instant.parse("2500-01-01T00:00:00.000000001Z"))
                .xattrs(
                    Map.of(
                        "user.bin",
                        Base64.getEncoder().encodeToString(binary),
                        "security.capability",
                        Base64.getEncoder().encodeToString(binary),
                        "user.text",
                        Base64.getEncoder().encodeToString("é=\n".getBytes("UTF-8"))))
                .build(),
            FileEntry.builder("/zhl", EntryType.HARDLINK).linkTarget("/" + "x".repeat(300)).build(),
            FileEntry.builder("/ünïcode", EntryType.SYMLINK)
                .linkTarget("/" + "y".repeat(200))
                .build());
    Path tar = tmp.resolve("x.tar");
    try (OutputStream out = Files.newOutputStream(tar)) {
      TarEntrySink sink = new TarEntrySink(out, "root");
      for (FileEntry e : entries) {
        sink.write(
            e, e.type() == EntryType.FILE ? new java.io.ByteArrayInputStream(new byte[3]) : null);
      }
      sink.finish();
    }
    try (InputStream in = Files.newInputStream(tar)) {
      assertThat(Trees.entries(new TarEntrySource(in, true))).isEqualTo(entries);
    }
    // GNU tar accepts it too.
    assertThat(TestTrees.run("tar", "-tvf", tar.toString())).contains("x".repeat(300));
  }

  @Test
  void synthesisesRootWhenTheTarHasNone() throws Exception {
    Path tar = tmp.resolve("noroot.tar");
    try (OutputStream out = Files.newOutputStream(tar)) {
      TarEntrySink sink = new TarEntrySink(out, "d");
      sink.write(FileEntry.builder("/a", EntryType.DIRECTORY).build(), null);
      sink.finish();
    }
    try (InputStream in = Files.newInputStream(tar)) {
      List<FileEntry> entries = Trees.entries(new TarEntrySource(in, true));
      assertThat(entries).extracting(FileEntry::path).containsExactly("/", "/a");
      assertThat(entries.get(0))
          .isEqualTo(FileEntry.builder("/", EntryType.DIRECTORY).mode(0755).build());
    }
  }

  @Test
  void normalisesNames() throws Exception {
    assertThat(TarNames.toPath("./a/b/")).isEqualTo("/a/b");
    assertThat(TarNames.toPath("a")).isEqualTo("/a");
    assertThat(TarNames.toPath("./")).isEqualTo("/");
    assertThat(TarNames.toPath(".")).isEqualTo("/");
    assertThat(TarNames.toPath("/a//./b")).isEqualTo("/a/b");
    assertThatThrownBy(() -> TarNames.toPath("a/../b")).hasMessageContaining("a/../b");
    assertThat(TarNames.stripFirst("/data")).isEqualTo("/");
    assertThat(TarNames.stripFirst("/data/a/b")).isEqualTo("/a/b");
    assertThat(TarNames.toName("data", "/", true)).isEqualTo("data/");
    assertThat(TarNames.toName("data", "/a/b", false)).isEqualTo("data/a/b");
    assertThat(TarNames.toName(".", "/", true)).isEqualTo("./");
    assertThat(TarNames.toName(".", "/a/b", true)).isEqualTo("./a/b/");
  }
}

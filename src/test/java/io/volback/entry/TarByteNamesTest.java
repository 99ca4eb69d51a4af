package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.TestTrees;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Names are bytes: tar members keep any byte sequence exactly, whatever the JVM's encoding. */
@Timeout(60)
class TarByteNamesTest {
  /** "caf\xe9" (Latin-1 é), as ByteNames decodes it. */
  private static final String LATIN1 = ByteNames.decode(new byte[] {'c', 'a', 'f', (byte) 0xe9});

  @TempDir Path tmp;

  @Test
  void namesThatAreNotUtf8RoundTripThroughOurTar() throws Exception {
    List<FileEntry> entries =
        List.of(
            FileEntry.builder("/", EntryType.DIRECTORY).mode(0755).build(),
            FileEntry.builder("/a\nb", EntryType.FILE).size(1).build(),
            FileEntry.builder("/" + LATIN1, EntryType.FILE).size(1).build(),
            FileEntry.builder("/" + LATIN1 + "-hard", EntryType.HARDLINK)
                .linkTarget("/" + LATIN1)
                .build(),
            FileEntry.builder("/" + LATIN1 + "-sym", EntryType.SYMLINK).linkTarget(LATIN1).build());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TarEntrySink sink = new TarEntrySink(bytes, ".");
    for (FileEntry e : entries) {
      sink.write(e, e.type() == EntryType.FILE ? new ByteArrayInputStream(new byte[1]) : null);
    }
    sink.finish();

    assertThat(
            Trees.entries(new TarEntrySource(new ByteArrayInputStream(bytes.toByteArray()), false)))
        .isEqualTo(entries);
    Path tar = Files.write(tmp.resolve("ours.tar"), bytes.toByteArray());
    assertThat(TestTrees.run("tar", "--quoting-style=escape", "-tf", tar.toString()))
        .contains("./caf\\351\n", "./a\\nb\n", "./caf\\351-hard\n");
  }

  @Test
  void gnuTarNamesAreReadByteForByte() throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    TestTrees.run(
        "sh",
        "-c",
        "cd '"
            + src
            + "' && printf x > \"$(printf 'caf\\351')\""
            + " && printf y > \"$(printf 'a\\nb')\"");
    for (String format : List.of("posix", "gnu")) {
      Path tar = tmp.resolve(format + ".tar");
      TestTrees.run(
          "env",
          "LC_ALL=C",
          "tar",
          "--format=" + format,
          "--sort=name",
          "-cf",
          tar.toString(),
          "-C",
          src.toString(),
          ".");
      try (InputStream in = Files.newInputStream(tar)) {
        assertThat(Trees.entries(new TarEntrySource(in, false)))
            .as(format)
            .extracting(FileEntry::path)
            .containsExactly("/", "/a\nb", "/" + LATIN1);
      }
    }
  }
}

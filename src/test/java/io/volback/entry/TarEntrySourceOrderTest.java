package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/** An archive is untrusted input: TarEntrySource accepts only a tree a restore can write safely. */
class TarEntrySourceOrderTest {

  private record Member(String name, byte type, String link) {}

  private static Member dir(String name) {
    return new Member(name, TarConstants.LF_DIR, null);
  }

  private static Member file(String name) {
    return new Member(name, TarConstants.LF_NORMAL, null);
  }

  private static Member symlink(String name, String target) {
    return new Member(name, TarConstants.LF_SYMLINK, target);
  }

  private static Member hardlink(String name, String target) {
    return new Member(name, TarConstants.LF_LINK, target);
  }

  private static List<FileEntry> read(Member... members) throws IOException {
    return read("UTF-8", members);
  }

  /** With ISO-8859-1, each char of a name below U+0100 is written as that one byte. */
  private static List<FileEntry> read(String encoding, Member... members) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, encoding)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Member m : members) {
        TarArchiveEntry e = new TarArchiveEntry(m.name(), m.type(), true);
        if (m.link() != null) {
          e.setLinkName(m.link());
        }
        byte[] data =
            m.type() == TarConstants.LF_NORMAL ? "x".getBytes(StandardCharsets.UTF_8) : new byte[0];
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return Trees.entries(new TarEntrySource(new ByteArrayInputStream(bytes.toByteArray()), true));
  }

  @Test
  void acceptsDockersOrderDepthFirstWithNamesInByteOrder() throws Exception {
    List<FileEntry> entries =
        read(
            dir("data/"),
            dir("data/a/"),
            file("data/a/z"),
            file("data/a b"),
            file("data/a-"),
            hardlink("data/b", "data/a/z"),
            file("data/caf\u00e9"),
            symlink("data/l", "/outside/is/fine/for/a/symlink"));
    assertThat(entries)
        .extracting(FileEntry::path)
        .containsExactly("/", "/a", "/a/z", "/a b", "/a-", "/b", "/café", "/l");
  }

  /**
   * Names are compared as bytes, as Go sorts them, not as Java Strings: byte 0x80 (not UTF-8) comes
   * before "é" (C3 A9), although its escaped String form U+DC80 sorts after U+00E9.
   */
  @Test
  void namesAreOrderedAsBytesNotAsJavaStrings() throws Exception {
    String notUtf8 = ByteNames.decode(new byte[] {'o', (byte) 0x80});
    assertThat(read("ISO-8859-1", dir("data/"), file("data/o\u0080"), file("data/o\u00c3\u00a9")))
        .extracting(FileEntry::path)
        .containsExactly("/", "/" + notUtf8, "/o\u00e9");
    assertThatThrownBy(
            () ->
                read("ISO-8859-1", dir("data/"), file("data/o\u00c3\u00a9"), file("data/o\u0080")))
        .hasMessageContaining("comes after /o\u00e9");
  }

  @Test
  void rejectsADirectoryReplacedBySomethingElseAfterItsChildren() {
    assertThatThrownBy(
            () ->
                read(
                    dir("data/"),
                    dir("data/a/"),
                    file("data/a/evil"),
                    symlink("data/a", "/outside")))
        .hasMessageContaining("data/a")
        .hasMessageContaining("/a appears twice");
  }

  @Test
  void rejectsTheSamePathTwice() {
    assertThatThrownBy(() -> read(dir("data/"), file("data/f"), file("data/f")))
        .hasMessageContaining("archive member data/f")
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> read(dir("data/"), file("data/f"), dir("data/")))
        .hasMessageContaining("root directory appears twice");
  }

  @Test
  void rejectsAChildBeforeItsParentDirectory() {
    assertThatThrownBy(() -> read(dir("data/"), file("data/a/b"), dir("data/a/")))
        .hasMessageContaining("archive member data/a/b")
        .hasMessageContaining("parent directory /a does not come before it");
  }

  @Test
  void rejectsAnEntryUnderAFileOrSymlink() {
    assertThatThrownBy(() -> read(dir("data/"), symlink("data/a", "/etc"), file("data/a/passwd")))
        .hasMessageContaining("archive member data/a/passwd")
        .hasMessageContaining("not a directory");
    assertThatThrownBy(() -> read(dir("data/"), file("data/a"), dir("data/a/b/")))
        .hasMessageContaining("not a directory");
  }

  @Test
  void rejectsEntriesOutOfOrder() {
    assertThatThrownBy(() -> read(dir("data/"), file("data/b"), file("data/a")))
        .hasMessageContaining("archive member data/a")
        .hasMessageContaining("comes after /b");
    assertThatThrownBy(() -> read(dir("data/"), dir("data/a/"), dir("data/b/"), file("data/a/x")))
        .hasMessageContaining("archive member data/a/x");
  }

  @Test
  void rejectsDotDotAtBackupTime() {
    assertThatThrownBy(() -> read(dir("data/"), file("data/../etc/passwd")))
        .hasMessageContaining("data/../etc/passwd")
        .hasMessageContaining("\"..\"");
    assertThatThrownBy(() -> read(dir("data/"), file("data/f"), hardlink("data/g", "data/../f")))
        .hasMessageContaining("data/../f");
  }

  @Test
  void rejectsHardLinksToLaterPathsOrAncestors() {
    assertThatThrownBy(() -> read(dir("data/"), hardlink("data/a", "data/b"), file("data/b")))
        .hasMessageContaining("archive member data/a")
        .hasMessageContaining("does not come before it");
    assertThatThrownBy(() -> read(dir("data/"), dir("data/d/"), hardlink("data/d/x", "data/d")))
        .hasMessageContaining("a directory it lies in");
  }

  @Test
  void rejectsMembersOutsideTheArchivedFolderAndANonDirectoryRoot() {
    assertThatThrownBy(() -> read(dir("data/"), file("data/a"), file("other/b")))
        .hasMessageContaining("archive member other/b")
        .hasMessageContaining("not under data/");
    assertThatThrownBy(() -> read(symlink("data", "/etc"))).hasMessageContaining("not a directory");
  }
}

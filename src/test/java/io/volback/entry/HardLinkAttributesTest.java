package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dockerd applies a hard link header's owner, mode and mtime to the shared inode, so the header
 * must carry the target's attributes, never defaults.
 */
class HardLinkAttributesTest {
  private static final Instant OLD = Instant.parse("2001-02-03T04:05:06.789Z");

  @TempDir Path src;

  @Test
  void hardLinkHeaderCarriesTheTargetsAttributes() throws Exception {
    Path target = src.resolve("target");
    Files.writeString(target, "shared content");
    Files.createLink(src.resolve("z-link"), target);
    // The tests run as root (CI does); chown failing here is a failure, not a skip.
    Files.setAttribute(target, "unix:uid", 1000);
    Files.setAttribute(target, "unix:gid", 1000);
    Files.setAttribute(target, "unix:mode", 0640);
    Files.setLastModifiedTime(target, FileTime.from(OLD));

    List<FileEntry> entries = Trees.entries(new DirectorySource(src, w -> {}));
    FileEntry link =
        entries.stream().filter(e -> e.type() == EntryType.HARDLINK).findFirst().orElseThrow();
    assertThat(link.path()).isEqualTo("/z-link");
    assertThat(link.linkTarget()).isEqualTo("/target");
    assertThat(List.of(link.uid(), link.gid(), link.mode(), link.mtime()))
        .containsExactly(1000, 1000, 0640, OLD);

    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    Trees.copy(new DirectorySource(src, w -> {}), new TarEntrySink(tar, "data"));

    Map<String, TarArchiveEntry> headers = new HashMap<>();
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
      for (TarArchiveEntry h = in.getNextEntry(); h != null; h = in.getNextEntry()) {
        headers.put(h.getName(), h);
      }
    }
    TarArchiveEntry file = headers.get("data/target");
    TarArchiveEntry hardLink = headers.get("data/z-link");
    assertThat(hardLink.isLink()).isTrue();
    assertThat(hardLink.getLinkName()).isEqualTo("data/target");
    for (TarArchiveEntry h : List.of(file, hardLink)) {
      assertThat(h.getLongUserId()).as(h.getName()).isEqualTo(1000);
      assertThat(h.getLongGroupId()).as(h.getName()).isEqualTo(1000);
      assertThat(h.getMode() & 07777).as(h.getName()).isEqualTo(0640);
      assertThat(h.getLastModifiedTime().toInstant()).as(h.getName()).isEqualTo(OLD);
    }

    List<FileEntry> fromTar =
        Trees.entries(new TarEntrySource(new ByteArrayInputStream(tar.toByteArray()), true));
    FileEntry linkFromTar =
        fromTar.stream().filter(e -> e.type() == EntryType.HARDLINK).findFirst().orElseThrow();
    assertThat(linkFromTar).isEqualTo(link.toBuilder().fileIdentity(null, null, null).build());
  }
}

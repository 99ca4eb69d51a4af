package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.TestTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRoundTripTest {
  @TempDir Path tmp;

  @Test
  void copiesEveryByteAndAttribute() throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    TestTrees.populate(src, 1);
    List<String> warnings = new ArrayList<>();

    Trees.copy(new DirectorySource(src, warnings::add), new DirectorySink(dst, warnings::add));

    assertThat(warnings).isEmpty();
    assertThat(TestTrees.describe(dst)).isEqualTo(TestTrees.describe(src));
    assertThat(TestTrees.describe(src))
        .anyMatch(l -> l.contains("inode-shared-with="))
        .anyMatch(l -> l.contains("xattrs="))
        .anyMatch(l -> l.contains("mode=4755"));
  }

  @Test
  void emitsRootFirstSortedParentsBeforeChildrenAndHardLinkAfterTarget() throws Exception {
    TestTrees.populate(tmp, 2);
    List<FileEntry> entries = Trees.entries(new DirectorySource(tmp, w -> {}));

    assertThat(entries.get(0).path()).isEqualTo("/");
    Set<String> seen = new HashSet<>();
    for (FileEntry e : entries) {
      if (!e.isRoot()) {
        assertThat(seen).contains(SafePaths.parent(e.path()));
      }
      if (e.type() == EntryType.HARDLINK) {
        assertThat(seen).contains(e.linkTarget());
      }
      assertThat(e.inode()).isNotNull();
      assertThat(e.device()).isNotNull();
      assertThat(e.ctime()).isNotNull();
      seen.add(e.path());
    }
    List<String> smallDir =
        entries.stream().map(FileEntry::path).filter(p -> p.startsWith("/small/")).toList();
    assertThat(smallDir).isSorted();
    assertThat(entries)
        .filteredOn(e -> e.type() == EntryType.HARDLINK)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("/data/text/z-hardlink.txt");
              assertThat(e.linkTarget()).isEqualTo("/data/text/original.txt");
            });
    assertThat(entries)
        .filteredOn(e -> e.path().equals("/data/latest-log"))
        .singleElement()
        .satisfies(e -> assertThat(e.linkTarget()).isEqualTo("text/log-3m.txt"));
    assertThat(Trees.entries(new DirectorySource(tmp, w -> {}))).isEqualTo(entries);
  }

  @Test
  void readsAndWritesDeviceNodes() throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    TestTrees.run("mknod", src.resolve("null").toString(), "c", "1", "3");
    TestTrees.run("mknod", src.resolve("big").toString(), "b", "259", "70000");
    List<FileEntry> entries = Trees.entries(new DirectorySource(src, w -> {}));
    assertThat(entries)
        .filteredOn(e -> e.type() == EntryType.CHAR_DEVICE)
        .singleElement()
        .satisfies(
            e -> assertThat(List.of(e.deviceMajor(), e.deviceMinor())).containsExactly(1, 3));
    assertThat(entries)
        .filteredOn(e -> e.type() == EntryType.BLOCK_DEVICE)
        .singleElement()
        .satisfies(
            e -> assertThat(List.of(e.deviceMajor(), e.deviceMinor())).containsExactly(259, 70000));

    List<String> warnings = new ArrayList<>();
    Trees.copy(new DirectorySource(src, warnings::add), new DirectorySink(dst, warnings::add));
    assertThat(warnings).isEmpty();
    assertThat(TestTrees.describe(dst)).isEqualTo(TestTrees.describe(src));
  }

  @Test
  void overwritesExistingFilesAndSymlinksAndReusesDirectories() throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    TestTrees.populate(src, 3);
    TestTrees.populate(dst, 4);
    Trees.copy(new DirectorySource(src, w -> {}), new DirectorySink(dst, w -> {}));
    assertThat(TestTrees.describe(dst)).isEqualTo(TestTrees.describe(src));
  }
}

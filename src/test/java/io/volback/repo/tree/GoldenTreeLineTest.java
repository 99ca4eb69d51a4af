package io.volback.repo.tree;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.volback.entry.ByteNames;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.Id;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of tree lines, part of the repository format (docs/repository-format.md, version 1):
 * each JSON object volback stores is written exactly as the literal here, field names, order and
 * encoding included, and the literal reads back as the object. A failure here is a format change:
 * old repositories would no longer read, or new ones would not read in an older volback. Do not
 * update a literal to make a test pass; change the code back, or write down a new format version.
 */
class GoldenTreeLineTest {
  private static final String ID_A = "aa".repeat(32);
  private static final String ID_B = "bb".repeat(32);
  private static final String ID_C = "0123456789abcdef".repeat(4);
  private static final String ID_D = "fedcba9876543210".repeat(4);
  private static final String ID_E = "00".repeat(31) + "01";

  private static String utf8(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  // ---- tree lines (TreeCodec) ----

  private static String treeLine(TreeNode node) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = TreeCodec.generator(out)) {
      TreeCodec.write(g, node);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void assertTreeLine(FileEntry entry, List<Id> content, String golden)
      throws Exception {
    assertThat(treeLine(new TreeNode(entry, content))).isEqualTo(golden);
    byte[] json = bytes(golden);
    TreeNode back = TreeCodec.read(json, 0, json.length, "golden tree line");
    assertThat(back.entry()).isEqualTo(entry);
    assertThat(back.contentIds()).isEqualTo(content == null ? List.of() : content);
  }

  /**
   * A file with every field: a name that is not UTF-8, a quote, xattrs (sorted), identity, content.
   */
  @Test
  void aFileTreeLineIsExactlyTheGoldenJson() throws Exception {
    String path =
        ByteNames.decode(bytes("/d/\u00e9 \"q\" caf")) + ByteNames.decode(new byte[] {(byte) 0xE9});
    FileEntry file =
        FileEntry.builder(path, EntryType.FILE)
            .mode(04755)
            .uid(1000)
            .gid(33)
            .mtime(Instant.parse("2016-03-01T10:15:30.123456789Z"))
            .size(5)
            .xattrs(Map.of("user.z", "AA==", "user.a", "Yg==", "user.m", ""))
            .fileIdentity(12L, 65024L, Instant.parse("2020-01-01T00:00:00Z"))
            .build();
    assertTreeLine(
        file,
        List.of(Id.parse(ID_A), Id.parse(ID_B)),
        "{\"path\":\"/d/\u00e9 \\\"q\\\" caf\\uDCE9\",\"type\":\"FILE\",\"mode\":2541,\"uid\":1000,"
            + "\"gid\":33,\"mtime\":\"2016-03-01T10:15:30.123456789Z\",\"size\":5,\"devMajor\":0,"
            + "\"devMinor\":0,\"xattrs\":{\"user.a\":\"Yg==\",\"user.m\":\"\",\"user.z\":\"AA==\"},"
            + "\"inode\":12,\"device\":65024,"
            + "\"ctime\":\"2020-01-01T00:00:00Z\",\"content\":[\""
            + ID_A
            + "\",\""
            + ID_B
            + "\"]}");
  }

  /**
   * Zero numbers are written, absent and empty fields (link, xattrs, identity, content) are not.
   */
  @Test
  void aDirectoryTreeLineWritesZeroesAndLeavesOutWhatIsAbsent() throws Exception {
    assertTreeLine(
        FileEntry.builder("/", EntryType.DIRECTORY).build(),
        null,
        "{\"path\":\"/\",\"type\":\"DIRECTORY\",\"mode\":493,\"uid\":0,\"gid\":0,"
            + "\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"devMajor\":0,\"devMinor\":0}");
    assertTreeLine(
        FileEntry.builder("/empty", EntryType.FILE)
            .mtime(Instant.parse("2020-01-01T00:00:00.5Z"))
            .build(),
        List.of(),
        "{\"path\":\"/empty\",\"type\":\"FILE\",\"mode\":420,\"uid\":0,\"gid\":0,"
            + "\"mtime\":\"2020-01-01T00:00:00.500Z\",\"size\":0,\"devMajor\":0,\"devMinor\":0}");
  }

  @Test
  void linkAndDeviceTreeLinesAreExactlyTheGoldenJson() throws Exception {
    String target = ByteNames.decode(new byte[] {(byte) 0xFF, '/', 'x'});
    assertTreeLine(
        FileEntry.builder("/l", EntryType.SYMLINK)
            .linkTarget(target)
            .mtime(Instant.parse("2020-03-03T03:03:03.333333Z"))
            .build(),
        null,
        "{\"path\":\"/l\",\"type\":\"SYMLINK\",\"mode\":511,\"uid\":0,\"gid\":0,"
            + "\"mtime\":\"2020-03-03T03:03:03.333333Z\",\"size\":0,\"link\":\"\\uDCFF/x\","
            + "\"devMajor\":0,\"devMinor\":0}");
    assertTreeLine(
        FileEntry.builder("/h", EntryType.HARDLINK).linkTarget("/d/f").build(),
        null,
        "{\"path\":\"/h\",\"type\":\"HARDLINK\",\"mode\":420,\"uid\":0,\"gid\":0,"
            + "\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"link\":\"/d/f\",\"devMajor\":0,"
            + "\"devMinor\":0}");
    assertTreeLine(
        FileEntry.builder("/dev/null", EntryType.CHAR_DEVICE).mode(0666).device(1, 3).build(),
        null,
        "{\"path\":\"/dev/null\",\"type\":\"CHAR_DEVICE\",\"mode\":438,\"uid\":0,\"gid\":0,"
            + "\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"devMajor\":1,\"devMinor\":3}");
    assertTreeLine(
        FileEntry.builder("/p", EntryType.FIFO).build(),
        null,
        "{\"path\":\"/p\",\"type\":\"FIFO\",\"mode\":420,\"uid\":0,\"gid\":0,"
            + "\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"devMajor\":0,\"devMinor\":0}");
  }

  @Test
  void aTreeLineWithUnknownFieldsReadsAsTheNodeWithoutThem() throws Exception {
    byte[] json =
        bytes(
            "{\"future\":{\"a\":[1,2]},\"path\":\"/x\",\"type\":\"FILE\",\"mode\":420,"
                + "\"mtime\":\"2020-01-01T00:00:00Z\",\"size\":3,\"content\":[\""
                + ID_A
                + "\"],\"z\":1}");
    TreeNode back = TreeCodec.read(json, 0, json.length, "tree line from a newer volback");
    assertThat(back.entry())
        .isEqualTo(
            FileEntry.builder("/x", EntryType.FILE)
                .size(3)
                .mtime(Instant.parse("2020-01-01T00:00:00Z"))
                .build());
    assertThat(back.contentIds()).containsExactly(Id.parse(ID_A));
  }
}

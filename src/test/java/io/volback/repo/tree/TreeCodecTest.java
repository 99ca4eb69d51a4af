package io.volback.repo.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.volback.entry.ByteNames;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TreeCodecTest {
  private static final List<TreeNode> NODES =
      List.of(
          new TreeNode(FileEntry.builder("/", EntryType.DIRECTORY).build(), null),
          new TreeNode(
              FileEntry.builder("/d/f \"q\" é", EntryType.FILE)
                  .mode(04755)
                  .uid(1000)
                  .gid(33)
                  .mtime(Instant.parse("2016-03-01T10:15:30.123456789Z"))
                  .size(5)
                  .xattrs(Map.of("user.b", "AAE=", "user.a", "Yg=="))
                  .fileIdentity(12L, 65024L, Instant.parse("2020-01-01T00:00:00Z"))
                  .build(),
              List.of(Id.sha256(new byte[1]), Id.sha256(new byte[2]))),
          new TreeNode(FileEntry.builder("/empty", EntryType.FILE).build(), List.of()),
          new TreeNode(FileEntry.builder("/l", EntryType.SYMLINK).linkTarget("../x").build(), null),
          new TreeNode(
              FileEntry.builder("/h", EntryType.HARDLINK).linkTarget("/d/f").build(), null),
          new TreeNode(
              FileEntry.builder("/dev/sda", EntryType.BLOCK_DEVICE).device(8, 1).build(), null));

  private static String streamed(TreeNode node) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = TreeCodec.generator(out)) {
      TreeCodec.write(g, node);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The lines data binding wrote when TreeNode still had the JSON's fields as its own. */
  private static final List<String> LINES =
      List.of(
          "{\"path\":\"/\",\"type\":\"DIRECTORY\",\"mode\":493,\"uid\":0,\"gid\":0,\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"devMajor\":0,\"devMinor\":0}",
          "{\"path\":\"/d/f \\\"q\\\" é\",\"type\":\"FILE\",\"mode\":2541,\"uid\":1000,\"gid\":33,\"mtime\":\"2016-03-01T10:15:30.123456789Z\",\"size\":5,\"devMajor\":0,\"devMinor\":0,\"xattrs\":{\"user.a\":\"Yg==\",\"user.b\":\"AAE=\"},\"inode\":12,\"device\":65024,\"ctime\":\"2020-01-01T00:00:00Z\",\"content\":[\"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d\",\"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7\"]}",
          "{\"path\":\"/empty\",\"type\":\"FILE\",\"mode\":420,\"uid\":0,\"gid\":0,\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"devMajor\":0,\"devMinor\":0}",
          "{\"path\":\"/l\",\"type\":\"SYMLINK\",\"mode\":511,\"uid\":0,\"gid\":0,\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"link\":\"../x\",\"devMajor\":0,\"devMinor\":0}",
          "{\"path\":\"/h\",\"type\":\"HARDLINK\",\"mode\":420,\"uid\":0,\"gid\":0,\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"link\":\"/d/f\",\"devMajor\":0,\"devMinor\":0}",
          "{\"path\":\"/dev/sda\",\"type\":\"BLOCK_DEVICE\",\"mode\":420,\"uid\":0,\"gid\":0,\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"devMajor\":8,\"devMinor\":1}");

  @Test
  void writesTheLinesDataBindingWroteBeforeTreeNodeComposedAFileEntry() throws Exception {
    for (int i = 0; i < NODES.size(); i++) {
      assertThat(streamed(NODES.get(i))).isEqualTo(LINES.get(i));
    }
  }

  @Test
  void readsBackEveryField() throws Exception {
    for (TreeNode node : NODES) {
      byte[] json = streamed(node).getBytes(StandardCharsets.UTF_8);
      TreeNode back = TreeCodec.read(json, 0, json.length, "test");
      assertThat(back.entry()).isEqualTo(node.entry());
      assertThat(back.contentIds()).isEqualTo(node.contentIds());
    }
  }

  @Test
  void namesThatAreNotUtf8RoundTripAsEscapes() throws Exception {
    byte[] latin1 = {'/', 'c', 'a', 'f', (byte) 0xE9, '\n', 'x'};
    String path = ByteNames.decode(latin1);
    TreeNode node =
        new TreeNode(
            FileEntry.builder(path, EntryType.SYMLINK)
                .linkTarget(ByteNames.decode(new byte[] {(byte) 0xFF, '/', (byte) 0xC3}))
                .build(),
            null);
    String json = streamed(node);
    assertThat(json).contains("caf\\uDCE9\\nx").doesNotContain("\ufffd");
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    TreeNode back = TreeCodec.read(bytes, 0, bytes.length, "test");
    assertThat(ByteNames.encode(back.entry().path())).isEqualTo(latin1);
    assertThat(ByteNames.encode(back.entry().linkTarget()))
        .isEqualTo(new byte[] {(byte) 0xFF, '/', (byte) 0xC3});
  }

  @Test
  void brokenLinesAreCorruptObjects() {
    byte[] bad = "{\"path\":\"/x\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TreeCodec.read(bad, 0, bad.length, "tree blob 1234"))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageContaining("tree blob 1234");
    byte[] junk = "not json".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TreeCodec.read(junk, 0, junk.length, "tree blob 1234"))
        .isInstanceOf(CorruptObjectException.class);
  }
}

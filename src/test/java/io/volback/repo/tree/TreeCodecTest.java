package io.volback.repo.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.volback.entry.ByteNames;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import io.volback.repo.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TreeCodecTest {
  private static final List<TreeNode> NODES =
      List.of(
          TreeNode.of(FileEntry.builder("/", EntryType.DIRECTORY).build(), null),
          TreeNode.of(
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
          TreeNode.of(FileEntry.builder("/empty", EntryType.FILE).build(), List.of()),
          TreeNode.of(FileEntry.builder("/l", EntryType.SYMLINK).linkTarget("../x").build(), null),
          TreeNode.of(FileEntry.builder("/h", EntryType.HARDLINK).linkTarget("/d/f").build(), null),
          TreeNode.of(
              FileEntry.builder("/dev/sda", EntryType.BLOCK_DEVICE).device(8, 1).build(), null));

  private static String streamed(TreeNode node) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = TreeCodec.generator(out)) {
      TreeCodec.write(g, node);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesExactlyWhatDataBindingWrites() throws Exception {
    for (TreeNode node : NODES) {
      assertThat(streamed(node)).isEqualTo(new String(Json.write(node), StandardCharsets.UTF_8));
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
        TreeNode.of(
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

package io.volback.repo.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.entry.ByteNames;
import io.volback.entry.PathComponents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathOrderTest {
  @Test
  void sortsAsASortedDepthFirstWalk() {
    List<String> paths =
        new ArrayList<>(List.of("/a b", "/a/z", "/", "/a", "/b", "/a/c/d", "/a/c"));
    paths.sort(PathComponents.ORDER);
    assertThat(paths).containsExactly("/", "/a", "/a/c", "/a/c/d", "/a/z", "/a b", "/b");
  }

  @Test
  void namesSortAsBytesAsDockerAndTheDirectoryWalkEmitThem() {
    String escaped = ByteNames.decode(new byte[] {'o', (byte) 0x80});
    String utf8 = "o\u00e9";
    String astral = "o\uD83D\uDE00";
    String privateUse = "o\uE000";
    List<String> paths =
        new ArrayList<>(List.of("/" + privateUse, "/" + astral, "/" + utf8, "/" + escaped));
    paths.sort(PathComponents.ORDER);
    assertThat(paths).containsExactly("/" + escaped, "/" + utf8, "/" + privateUse, "/" + astral);
  }

  @Test
  void pathFilterNormalises() {
    assertThat(PathFilter.normalise("./a/b/")).isEqualTo("/a/b");
    assertThat(PathFilter.normalise("/")).isEqualTo("/");
    PathFilter f = PathFilter.including(List.of("a/b"));
    assertThat(f.includes("/a/b/c")).isTrue();
    assertThat(f.includes("/a/bc")).isFalse();
    assertThat(f.isAncestorOfInclude("/a")).isTrue();
    assertThat(f.isAncestorOfInclude("/")).isTrue();
  }
}

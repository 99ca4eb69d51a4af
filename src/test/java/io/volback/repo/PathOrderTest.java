package io.volback.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathOrderTest {
  @Test
  void sortsAsASortedDepthFirstWalk() {
    List<String> paths = new ArrayList<>(List.of("/a b", "/a/z", "/", "/a", "/b", "/a/c/d", "/a/c"));
    paths.sort(PathOrder.INSTANCE);
    assertThat(paths).containsExactly("/", "/a", "/a/c", "/a/c/d", "/a/z", "/a b", "/b");
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

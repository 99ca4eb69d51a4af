package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {
  @TempDir Path root;
  final List<String> warnings = new ArrayList<>();
  final List<String> visited = new ArrayList<>();

  @BeforeEach
  void tree() throws IOException {
    Files.createDirectories(root.resolve("a/sub"));
    Files.writeString(root.resolve("a/sub/inner"), "inner");
    Files.writeString(root.resolve("a/x"), "x");
    Files.writeString(root.resolve("a/y"), "y");
    Files.writeString(root.resolve("b"), "b");
  }

  @Test
  void fileVanishingBeforeItsStatIsSkippedWithAWarning() throws Exception {
    new DirectorySource(root, warnings::add)
        .forEach(
            (e, c) -> {
              visited.add(e.path());
              if (e.path().equals("/a")) {
                Files.delete(root.resolve("a/x"));
              }
            });
    assertThat(visited).containsExactly("/", "/a", "/a/sub", "/a/sub/inner", "/a/y", "/b");
    assertThat(warnings).singleElement().asString().startsWith("/a/x: skipped");
  }

  @Test
  void directoryVanishingIsSkippedWithAWarning() throws Exception {
    new DirectorySource(root, warnings::add)
        .forEach(
            (e, c) -> {
              visited.add(e.path());
              if (e.path().equals("/a")) {
                Files.delete(root.resolve("a/sub/inner"));
                Files.delete(root.resolve("a/sub"));
              }
            });
    assertThat(visited).containsExactly("/", "/a", "/a/x", "/a/y", "/b");
    assertThat(warnings).singleElement().asString().startsWith("/a/sub: skipped");
  }

  @Test
  void fileVanishingBeforeItsContentIsOpenedIsSkippedWithAWarning() throws Exception {
    new DirectorySource(root, warnings::add)
        .forEach(
            (e, c) -> {
              if (e.path().equals("/a/x")) {
                Files.delete(root.resolve("a/x"));
              }
              if (c != null) {
                try (InputStream in = c.open()) {
                  in.readAllBytes();
                }
              }
              visited.add(e.path());
            });
    assertThat(visited).containsExactly("/", "/a", "/a/sub", "/a/sub/inner", "/a/y", "/b");
    assertThat(warnings).singleElement().asString().startsWith("/a/x: skipped");
  }

  @Test
  void visitorExceptionsPropagate() {
    assertThatThrownBy(
            () ->
                new DirectorySource(root, warnings::add)
                    .forEach(
                        (e, c) -> {
                          if (e.path().equals("/a/x")) {
                            throw new AccessDeniedException("/elsewhere/target");
                          }
                        }))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(warnings).isEmpty();
  }

  @Test
  void socketsAreSkippedWithAWarning() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(root.resolve("a/sock")));
      new DirectorySource(root, warnings::add).forEach((e, c) -> visited.add(e.path()));
    }
    assertThat(visited).doesNotContain("/a/sock");
    assertThat(warnings).singleElement().asString().isEqualTo("/a/sock: skipped: socket");
  }

  @Test
  void contentIsExactlyTheStatSizeEvenIfTheFileChangesMeanwhile() throws Exception {
    List<byte[]> contents = new ArrayList<>();
    new DirectorySource(root, warnings::add)
        .forEach(
            (e, c) -> {
              if (e.path().equals("/a/x")) {
                Files.writeString(root.resolve("a/x"), "grown");
              } else if (e.path().equals("/a/y")) {
                Files.writeString(root.resolve("a/y"), "");
              } else {
                return;
              }
              try (InputStream in = c.open()) {
                contents.add(in.readAllBytes());
              }
            });
    assertThat(contents).containsExactly("g".getBytes(), new byte[1]);
    assertThat(warnings)
        .hasSize(2)
        .anyMatch(w -> w.startsWith("/a/x: file grew"))
        .anyMatch(w -> w.startsWith("/a/y: file shrank"));
  }

  @Test
  void hardLinkPointsToTheFirstPathInWalkOrder() throws Exception {
    Files.createLink(root.resolve("c"), root.resolve("a/x"));
    List<FileEntry> entries = Trees.entries(new DirectorySource(root, warnings::add));
    assertThat(entries)
        .filteredOn(e -> e.path().equals("/c"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EntryType.HARDLINK);
              assertThat(e.linkTarget()).isEqualTo("/a/x");
            });
  }
}

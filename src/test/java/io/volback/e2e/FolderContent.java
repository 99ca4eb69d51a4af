package io.volback.e2e;

import io.volback.testsupport.TestTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** FolderContent is every file of a folder repository (path to SHA-256), locks left out. */
final class FolderContent {
  private FolderContent() {}

  static Map<String, String> of(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = dir.relativize(p).toString();
        if (rel.startsWith("locks/")) {
          continue;
        }
        try (InputStream in = Files.newInputStream(p)) {
          out.put(rel, TestTrees.sha256(in));
        }
      }
    }
    return out;
  }
}

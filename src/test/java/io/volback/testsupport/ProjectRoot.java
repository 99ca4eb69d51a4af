package io.volback.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ProjectRoot is the clone the tests run in: the nearest folder up from user.dir with a pom.xml.
 */
final class ProjectRoot {
  private ProjectRoot() {}

  static Path path() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("scripts"))) {
        return dir;
      }
    }
    throw new AssertionError("no volback clone (pom.xml and scripts/) at or above " + start);
  }
}

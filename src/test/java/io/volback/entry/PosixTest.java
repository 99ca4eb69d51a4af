package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixTest {
  @TempDir Path tmp;

  @Test
  void statxAgreesWithTheJdksLstatSoRecordedFileIdentitiesStillMatch() throws Exception {
    Path file = Files.writeString(tmp.resolve("f"), "content");
    Files.createSymbolicLink(tmp.resolve("link"), file);
    for (Path p : List.of(file, tmp.resolve("link"), Path.of("/dev/null"), tmp)) {
      Map<String, Object> jdk = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
      try (Fd dir =
          Fd.openDirectoryAt(Posix.AT_FDCWD, ByteNames.encode(p.getParent().toString()), "/")) {
        UnixAttributes a =
            Posix.statAt(dir.fd, ByteNames.encode(p.getFileName().toString()), p.toString());
        assertThat(
                List.<Object>of(
                    a.rawMode(),
                    a.uid(),
                    a.gid(),
                    a.inode(),
                    a.device(),
                    a.rdev(),
                    a.nlink(),
                    a.size(),
                    a.mtime(),
                    a.ctime()))
            .as(p.toString())
            .isEqualTo(
                List.<Object>of(
                    jdk.get("mode"),
                    jdk.get("uid"),
                    jdk.get("gid"),
                    jdk.get("ino"),
                    jdk.get("dev"),
                    jdk.get("rdev"),
                    jdk.get("nlink"),
                    jdk.get("size"),
                    ((FileTime) jdk.get("lastModifiedTime")).toInstant(),
                    ((FileTime) jdk.get("ctime")).toInstant()));
      }
    }
  }

  @Test
  void failuresAreFileSystemExceptionsNamingTheEntryPath() throws Exception {
    try (Fd dir = Fd.openDirectoryAt(Posix.AT_FDCWD, ByteNames.encode(tmp.toString()), "/")) {
      assertThatThrownBy(() -> Posix.statAt(dir.fd, "missing".getBytes(), "/missing"))
          .isInstanceOf(NoSuchFileException.class)
          .hasMessage("/missing: No such file or directory");
      Files.createSymbolicLink(tmp.resolve("link"), tmp);
      assertThatThrownBy(() -> Fd.openDirectoryAt(dir.fd, "link".getBytes(), "/link"))
          .isInstanceOf(FileSystemException.class)
          .satisfies(
              e ->
                  assertThat(
                          Posix.isErrno((FileSystemException) e, Posix.ELOOP)
                              || e instanceof java.nio.file.NotDirectoryException)
                      .isTrue());
    }
  }

  @Test
  void listGivesNamesAsBytes() throws Exception {
    Files.writeString(tmp.resolve("a"), "");
    Files.createDirectory(tmp.resolve("b"));
    List<String> names = new ArrayList<>();
    try (Fd dir = Fd.openDirectoryAt(Posix.AT_FDCWD, ByteNames.encode(tmp.toString()), "/")) {
      Posix.list(dir.fd, "/", b -> names.add(ByteNames.decode(b)));
    }
    assertThat(names).containsExactlyInAnyOrder("a", "b");
  }
}

package io.volback.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.entry.EntryType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PathStatTest {
  private static String header(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void setuidFileAsDockerReportsIt() throws IOException {
    PathStat s =
        PathStat.parse(
            header(
                "{\"name\":\"f\",\"size\":3,\"mode\":8389101,"
                    + "\"mtime\":\"2026-11-30T16:47:52.325417666Z\",\"linkTarget\":\"\"}"));
    assertThat(s.type()).isEqualTo(EntryType.FILE);
    assertThat(s.permissions()).isEqualTo(04755);
    assertThat(s.size()).isEqualTo(3);
    assertThat(s.mtime()).isEqualTo(Instant.parse("2026-11-30T16:47:52.325417666Z"));
  }

  @Test
  void directoriesSymlinksAndOffsetTimes() throws IOException {
    PathStat dir =
        PathStat.parse(
            header(
                "{\"name\":\"d\",\"size\":4096,\"mode\":2147484141,\"mtime\":\"2026-11-30T17:47:52+01:00\"}"));
    assertThat(dir.type()).isEqualTo(EntryType.DIRECTORY);
    assertThat(dir.permissions()).isEqualTo(0755);
    assertThat(dir.mtime()).isEqualTo(Instant.parse("2026-11-30T16:47:52Z"));
    PathStat link =
        PathStat.parse(
            header(
                "{\"name\":\"l\",\"size\":1,\"mode\":134218239,\"mtime\":\"2026-11-30T16:47:52Z\"}"));
    assertThat(link.type()).isEqualTo(EntryType.SYMLINK);
  }

  @Test
  void anUnreadableHeaderIsAnIoErrorNamingTheHost() {
    assertThatThrownBy(() -> PathStat.parse(header("{\"mtime\":\"yesterday\"}")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unreadable path stat");
  }

  @Test
  void pathsArePercentEncodedByteForByte() {
    assertThat(PathStatClient.percentEncoded("/data/a b/ü?&#"))
        .isEqualTo("/data/a%20b/%C3%BC%3F%26%23");
  }
}

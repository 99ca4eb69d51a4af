package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.Processes;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.VolbackProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names are bytes: a volume whose names are not UTF-8 (Latin-1 "caf\xe9", a newline) goes through
 * the Docker API path of engine A into a repository and back out through the API path of engine B
 * byte for byte, with volback running under LANG=C as cron runs it.
 */
@Timeout(300)
class ByteNamesAcrossHostsTest {
  private static final Map<String, String> LANG_C = Map.of("LANG", "C", "LC_ALL", "C");
  private final DockerHost a = DockerEngines.a();
  private final DockerHost b = DockerEngines.b();
  @TempDir Path tmp;

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
    TestDocker.removeAll(b);
  }

  @Test
  void namesThatAreNotUtf8SurviveTheApiPathOntoAnotherHostUnderLangC() throws Exception {
    String volume = TestDocker.createVolume(a, "bytes");
    Path source = mountpoint(a, volume);
    sh(
        "cd '"
            + source
            + "' && printf x > \"$(printf 'caf\\351')\" && printf y > \"$(printf 'a\\nb')\""
            + " && mkdir \"$(printf 'd\\351')\" && printf z > \"$(printf 'd\\351/f\\377\\n')\""
            + " && ln -s \"$(printf 'caf\\351')\" \"$(printf 'l\\351')\""
            // Go (Docker) sorts these as bytes: 0x80 before C3 A9 ("é"); Java Strings the other
            // way.
            + " && printf 1 > \"$(printf 'o\\200')\" && printf 2 > \"$(printf 'o\\303\\251')\"");
    String repo = tmp.resolve("repo").toString();
    Path password = Cli.passwordFile(tmp, "pw");
    assertThat(new Cli(repo, password).run("init").exitCode()).isZero();

    Cli.Result backup =
        VolbackProcess.run(
            LANG_C,
            "-r",
            repo,
            "--password-file",
            password.toString(),
            "-H",
            a.address(),
            "--json",
            "backup",
            volume,
            "--read-path",
            "api");
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    String id = io.volback.testsupport.JsonLines.summary(backup.out()).get("snapshot_id").asText();
    Cli.Result restore =
        VolbackProcess.run(
            LANG_C,
            "-r",
            repo,
            "--password-file",
            password.toString(),
            "-H",
            b.address(),
            "restore",
            id,
            "--write-path",
            "api");
    assertThat(restore.exitCode()).as(restore.toString()).isZero();

    String restored = listing(mountpoint(b, volume));
    assertThat(restored).isEqualTo(listing(source));
    assertThat(restored.lines()).hasSize(7);
    assertThat(restored).contains(hex("./caf\u00e9").replace("c3a9", "e9"));
  }

  /** Every path (NUL-separated, as hex), with its type, content and link target. */
  private static String listing(Path dir) throws IOException {
    // LC_ALL=C: bash's read stops at a name that is not valid in a UTF-8 locale.
    return sh(
        "export LC_ALL=C; cd '"
            + dir
            + "' && find . -mindepth 1 -print0 | sort -z | while IFS= read -r -d ''"
            + " p; do printf '%s' \"$p\" | od -An -tx1 | tr -d ' \\n'; printf ' %s ' \"$(stat -c %F"
            + " \"$p\")\"; if [ -L \"$p\" ]; then readlink \"$p\" | od -An -tx1 | tr -d ' \\n';"
            + " elif [ -f \"$p\" ]; then od -An -tx1 \"$p\" | tr -d ' \\n'; fi; echo; done");
  }

  private static String hex(String s) {
    return HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String sh(String script) throws IOException {
    try {
      Processes.Finished sh =
          Processes.run(new ProcessBuilder("bash", "-c", script), Duration.ofMinutes(2));
      assertThat(sh.exitCode()).as(sh.output()).isZero();
      return sh.output();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static Path mountpoint(DockerHost host, String volume) throws Exception {
    return Path.of(VolumeDiscovery.get(host, volume).mountpoint());
  }
}

package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.Processes;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.VolbackProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names are bytes on Linux. A volume whose names are not valid UTF-8 (Latin-1, a newline) is
 * backed up and restored through its mountpoint byte for byte by a volback started with LANG=C, as
 * cron starts it.
 */
@Timeout(180)
class NonUtf8NamesMountpointTest {
  private static final Map<String, String> C_LOCALE = Map.of("LANG", "C", "LC_ALL", "C");

  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  @Test
  void namesThatAreNotValidUtf8RoundTripByteForByteUnderLangC() throws Exception {
    String volume = TestDocker.createVolume(a, "names");
    Path source = mountpoint(volume);
    // printf's octal escapes: \351 is Latin-1 é, \377\376 no UTF-8 at all.
    sh(
        source,
        "printf latin-1 > \"$(printf 'caf\\351')\""
            + " && mkdir \"$(printf 'dir\\nwith newline')\""
            + " && printf x > \"$(printf 'dir\\nwith newline/f\\377\\376')\""
            + " && ln -s \"$(printf 'caf\\351')\" \"$(printf 'link\\351')\""
            + " && mkdir \"$(printf 'd\\303\\251j\\303\\240 UTF-8')\"");
    String[] repo = {
      "-r",
      tmp.resolve("repo").toString(),
      "--password-file",
      Cli.passwordFile(tmp, "pw").toString(),
      "-H",
      a.address()
    };

    ok(run(repo, "init"));
    ok(run(repo, "backup", volume, "--read-path", "mountpoint"));
    String copy = TestDocker.uniqueName("names-copy");
    ok(
        run(
            repo,
            "restore",
            "latest",
            "--volume",
            volume,
            "--to",
            copy,
            "--write-path",
            "mountpoint"));

    byte[] original = listing(source);
    assertThat(new String(original, StandardCharsets.ISO_8859_1))
        .contains(
            "f ./caf\u00e9 -> \0",
            "f ./dir\nwith newline/f\u00ff\u00fe -> \0",
            "l ./link\u00e9 -> caf\u00e9\0",
            "d ./d\u00c3\u00a9j\u00c3\u00a0 UTF-8 -> \0");
    assertThat(new String(listing(mountpoint(copy)), StandardCharsets.ISO_8859_1))
        .isEqualTo(new String(original, StandardCharsets.ISO_8859_1));
  }

  private Path mountpoint(String volume) throws Exception {
    return Path.of(VolumeDiscovery.get(a, volume).mountpoint());
  }

  /** Every path below dir (raw bytes), with type, symlink target and content checksum. */
  private static byte[] listing(Path dir) throws Exception {
    return sh(
            dir,
            "find . -mindepth 1 -printf '%y %p -> %l\\0' -type f -exec cksum {} + " + "| sort -z")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String sh(Path dir, String script) throws Exception {
    Processes.Finished sh =
        Processes.run(
            new ProcessBuilder("sh", "-c", script).directory(dir.toFile()), Duration.ofSeconds(60));
    String text = new String(sh.bytes(), StandardCharsets.ISO_8859_1);
    assertThat(sh.exitCode()).as(text).isZero();
    return text;
  }

  private static String[] args(String[] repo, String... command) {
    List<String> all = new ArrayList<>(List.of(repo));
    all.addAll(List.of(command));
    return all.toArray(String[]::new);
  }

  private static Cli.Result run(String[] repo, String... command) throws Exception {
    return VolbackProcess.run(
        VolbackProcess.builder(C_LOCALE, args(repo, command)), StandardCharsets.ISO_8859_1);
  }

  private static void ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }
}

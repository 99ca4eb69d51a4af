package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import io.volback.testsupport.Processes;
import io.volback.testsupport.TestTrees;
import io.volback.testsupport.VolbackProcess;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * restore --target DIR: a snapshot into a directory of this machine, with no Docker host (the
 * environment names one that does not exist), through the real entry point under LANG=C.
 */
@Timeout(300)
class RestoreToDirectoryTest {
  private static final Map<String, String> ENV =
      Map.of("LANG", "C", "LC_ALL", "C", "DOCKER_HOST", "unix:///var/run/volback-no-docker.sock");

  /** One repository with one snapshot of source for the class: restores do not change it. */
  @TempDir static Path shared;

  private static Path source;
  private static String[] repo;
  @TempDir Path tmp;

  @BeforeAll
  static void backUpAFolderTree() throws Exception {
    source = shared.resolve("source");
    TestTrees.populate(source.resolve("tree"), 7);
    Files.createDirectories(source.resolve("odd"));
    // printf's octal escapes: \351 is Latin-1 é, \377\376 no UTF-8 at all.
    sh(
        source.resolve("odd"),
        "printf latin-1 > \"$(printf 'caf\\351')\" && chmod 0640 \"$(printf 'caf\\351')\""
            + " && mkdir \"$(printf 'dir\\nwith newline')\""
            + " && printf x > \"$(printf 'dir\\nwith newline/f\\377\\376')\""
            + " && ln -s \"$(printf 'caf\\351')\" \"$(printf 'link\\351')\""
            + " && printf dash > ./-leading-dash && printf q > \"quote'and\\\\backslash\""
            + " && chown 1234:4321 ./-leading-dash && chmod 2751 \"$(printf 'dir\\nwith newline')\""
            + " && touch -h -d '2001-02-03 04:05:06.123456789' ./* \"$(printf 'dir\\nwith newline')\"/*");
    repo =
        new String[] {
          "-r", shared.resolve("repo").toString(), "--password-file", passwordFile().toString()
        };
    ok(volback("init"));
    ok(volback("backup", "--path", source.toString()));
  }

  @Test
  void restoreTargetRecreatesAPathSnapshotByteForByteWithItsMetadata() throws Exception {
    Path target = tmp.resolve("fresh/restored");

    Cli.Result r = ok(volback("restore", "latest", "--target", target.toString()));

    assertThat(r.out()).contains("into directory " + target);
    assertThat(TestTrees.describe(target.resolve("tree")))
        .containsExactlyElementsOf(TestTrees.describe(source.resolve("tree")));
    assertThat(listing(target)).isEqualTo(listing(source));
    assertThat(listing(target))
        .contains("./odd/caf\u00e9", "./odd/dir\nwith newline/f\u00ff\u00fe");
  }

  @Test
  void restoreTargetRefusesANonEmptyDirectoryWithoutOverwrite() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(target.resolve("keep.txt"), "mine");

    Cli.Result refused = volback("restore", "latest", "--target", target.toString());

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err().strip())
        .isEqualTo(
            "volback: error: directory "
                + target
                + " is not empty; restore with --overwrite to write into it, or choose another"
                + " --target");
    try (var children = Files.list(target)) {
      assertThat(children).containsExactly(target.resolve("keep.txt"));
    }

    ok(volback("restore", "latest", "--target", target.toString(), "--overwrite"));
    assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("mine");
    assertThat(TestTrees.describe(target.resolve("tree")))
        .containsExactlyElementsOf(TestTrees.describe(source.resolve("tree")));
  }

  @Test
  void restoreTargetWithToIsAUsageError() throws Exception {
    Cli.Result r =
        volback("restore", "latest", "--target", tmp.resolve("t").toString(), "--to", "vol");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--target restores into a directory: --to");
    assertThat(tmp.resolve("t")).doesNotExist();
  }

  @Test
  void restoreTargetThatIsAFileIsAUsageError() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");

    Cli.Result r = volback("restore", "latest", "--target", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("volback: error: --target " + file + " exists and is not a directory");
  }

  /** The same rule, and the same exit code, as an --include a volume restore does not find. */
  @Test
  void restoreTargetWithAnIncludeTheSnapshotLacksIsAUsageErrorAndCreatesNothing() throws Exception {
    Cli.Result r =
        volback(
            "restore",
            "latest",
            "--target",
            tmp.resolve("absent").toString(),
            "--include",
            "/no/such/path");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("nothing to restore for /no/such/path");
    assertThat(tmp.resolve("absent")).doesNotExist();
  }

  private static Path passwordFile() throws Exception {
    return Cli.passwordFile(shared, "pw");
  }

  private static Cli.Result volback(String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of(repo));
    args.addAll(List.of(command));
    File out = File.createTempFile("volback-out", ".txt");
    File err = File.createTempFile("volback-err", ".txt");
    try {
      Process p =
          VolbackProcess.builder(ENV, args.toArray(String[]::new))
              .redirectOutput(out)
              .redirectError(err)
              .start();
      int code =
          Processes.awaitOrKill(p, VolbackProcess.LIMIT, "volback " + String.join(" ", command));
      return new Cli.Result(code, latin1(out), latin1(err));
    } finally {
      out.delete();
      err.delete();
    }
  }

  private static String latin1(File f) throws Exception {
    return new String(Files.readAllBytes(f.toPath()), StandardCharsets.ISO_8859_1);
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  /**
   * Every path below dir, root included, as raw bytes: type, mode, owner, mtime (ns), size, link
   * count, symlink target, and each file's checksum.
   */
  private static String listing(Path dir) throws Exception {
    return sh(
        dir,
        "find . -printf '%y %#m %U:%G %T@ %s %n %p -> %l\\0' | sort -z"
            + " && find . -type f -exec cksum {} + | sort");
  }

  private static String sh(Path dir, String script) throws Exception {
    Processes.Finished sh =
        Processes.run(
            new ProcessBuilder("sh", "-c", script).directory(dir.toFile()), Duration.ofSeconds(60));
    String text = new String(sh.bytes(), StandardCharsets.ISO_8859_1);
    assertThat(sh.exitCode()).as(text).isZero();
    return text;
  }
}

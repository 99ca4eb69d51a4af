package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.TestTrees;
import io.volback.testsupport.TestTrees.Option;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GnuTarInteropTest {
  @TempDir Path tmp;

  private void readGnuTar(String format, Option... options) throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    TestTrees.populate(src, 21);
    Path tar = tmp.resolve("gnu.tar");
    // TarEntrySource needs Docker's order: depth-first, names sorted bytewise (--sort=name).
    TestTrees.run(
        "tar",
        "--format=" + format,
        "--sort=name",
        "--xattrs",
        "--xattrs-include=user.*",
        "-cpf",
        tar.toString(),
        "-C",
        src.toString(),
        ".");

    List<String> warnings = new ArrayList<>();
    try (InputStream in = Files.newInputStream(tar)) {
      Trees.copy(new TarEntrySource(in, false), new DirectorySink(dst, warnings::add));
    }
    assertThat(warnings).isEmpty();
    assertThat(TestTrees.describe(dst, options)).isEqualTo(TestTrees.describe(src, options));
  }

  @Test
  void readsPosixTarMadeByGnuTar() throws Exception {
    readGnuTar("posix");
  }

  @Test
  void readsGnuFormatTarWithWholeSecondMtimes() throws Exception {
    readGnuTar("gnu", Option.WHOLE_SECOND_MTIMES, Option.IGNORE_XATTRS);
  }

  @Test
  void gnuTarExtractsOurTar() throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    TestTrees.populate(src, 22);
    Path tar = tmp.resolve("ours.tar");
    try (OutputStream out = Files.newOutputStream(tar)) {
      Trees.copy(new DirectorySource(src, w -> {}), new TarEntrySink(out, "."));
    }
    String output =
        TestTrees.run(
            "tar",
            "--xattrs",
            "--xattrs-include=user.*",
            "-xpf",
            tar.toString(),
            "-C",
            dst.toString());
    // Only the exact base64 copy of a binary xattr, which GNU tar does not know, may be noted.
    assertThat(output.lines())
        .allMatch(l -> l.contains("Ignoring unknown extended header keyword 'LIBARCHIVE.xattr."));
    assertThat(TestTrees.describe(dst)).isEqualTo(TestTrees.describe(src));
  }

  /** GNU tar, like Docker, writes binary SCHILY.xattr values as raw bytes in PAX records. */
  @Test
  void binaryXattrValuesFromGnuTarAreExact() throws Exception {
    // scripts/setup-machine.sh installs attr; a missing tool or xattr support fails the test.
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path f = Files.createFile(src.resolve("f"));
    // 0x00, 0xff, 0x80, then C3 28 and E2 82: invalid UTF-8; '=' and a newline inside.
    String hex = "0x00ff80c328e2823d0a41";
    TestTrees.run("setfattr", "-n", "user.bin", "-v", hex, f.toString());
    assertThat(TestTrees.run("getfattr", "-e", "hex", "-n", "user.bin", f.toString()))
        .contains("user.bin=" + hex);
    Path tar = tmp.resolve("gnu.tar");
    TestTrees.run(
        "tar",
        "--format=posix",
        "--sort=name",
        "--xattrs",
        "--xattrs-include=user.*",
        "-cpf",
        tar.toString(),
        "-C",
        src.toString(),
        ".");
    try (InputStream in = Files.newInputStream(tar)) {
      assertThat(Trees.entries(new TarEntrySource(in, false)))
          .filteredOn(e -> e.path().equals("/f"))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(Base64.getDecoder().decode(e.xattrs().get("user.bin")))
                      .containsExactly(HexFormat.of().parseHex(hex.substring(2))));
    }
  }
}

package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.TestTrees;
import io.volback.testsupport.TestTrees.Option;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GnuTarInteropTest {
  @TempDir Path tmp;

  private void readGnuTar(String format, Option... options) throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    TestTrees.populate(src, 21);
    // Binary xattr values do not survive commons-compress's PAX parsing (see below).
    Files.getFileAttributeView(src.resolve("bin/setuid-tool"),
        java.nio.file.attribute.UserDefinedFileAttributeView.class).delete("binary");
    Path tar = tmp.resolve("gnu.tar");
    TestTrees.run("tar", "--format=" + format, "--xattrs", "--xattrs-include=user.*",
        "-cpf", tar.toString(), "-C", src.toString(), ".");

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
      Trees.copy(new DirectorySource(src, w -> { }), new TarEntrySink(out, "."));
    }
    String output = TestTrees.run("tar", "--xattrs", "--xattrs-include=user.*", "-xpf",
        tar.toString(), "-C", dst.toString());
    // Only the exact base64 copy of a binary xattr, which GNU tar does not know, may be noted.
    assertThat(output.lines()).allMatch(
        l -> l.contains("Ignoring unknown extended header keyword 'LIBARCHIVE.xattr."));
    assertThat(TestTrees.describe(dst)).isEqualTo(TestTrees.describe(src));
  }

  /** Known limitation: commons-compress decodes PAX values as UTF-8, so GNU tar's raw binary
   * SCHILY.xattr values arrive mangled (our own tars add an exact LIBARCHIVE.xattr copy). */
  @Test
  void binaryXattrValuesFromGnuTarAreLossy() throws Exception {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path f = Files.createFile(src.resolve("f"));
    Files.getFileAttributeView(f, java.nio.file.attribute.UserDefinedFileAttributeView.class)
        .write("bin", java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xff, 0}));
    Path tar = tmp.resolve("gnu.tar");
    TestTrees.run("tar", "--format=posix", "--xattrs", "--xattrs-include=user.*",
        "-cpf", tar.toString(), "-C", src.toString(), ".");
    try (InputStream in = Files.newInputStream(tar)) {
      assertThat(Trees.entries(new TarEntrySource(in, false)))
          .filteredOn(e -> e.path().equals("/f")).singleElement()
          .satisfies(e -> assertThat(e.xattrs().get("user.bin")).isEqualTo("77+9AA=="));
    }
  }
}

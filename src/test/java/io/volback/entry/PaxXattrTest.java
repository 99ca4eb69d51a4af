package io.volback.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/** PAX headers written the way Go's archive/tar (Docker) writes them: raw binary values. */
class PaxXattrTest {
  // NUL, 0xff, 0x80, a bad 2-byte sequence, a truncated 3-byte one, '\n' and '=' (the record
  // length, not a delimiter, must decide where the value ends), a truncated 4-byte one.
  private static final byte[] BINARY = {
    0x00,
    (byte) 0xff,
    (byte) 0x80,
    (byte) 0xc3,
    0x28,
    (byte) 0xe2,
    (byte) 0x82,
    '\n',
    '=',
    (byte) 0xf0,
    (byte) 0x90,
    (byte) 0x80,
    'A',
    0x00
  };

  /** One "len key=value\n" record, written by hand. */
  private static byte[] record(String key, byte[] value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int body = 1 + k.length + 1 + value.length + 1;
    int len = body + String.valueOf(body).length();
    len = body + String.valueOf(len).length();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((len + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(k);
    out.write('=');
    out.writeBytes(value);
    out.write('\n');
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static final class TarBuilder {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    TarBuilder pax(byte type, byte[] records) throws IOException {
      TarArchiveEntry h = new TarArchiveEntry("PaxHeaders/x", type, true);
      h.setSize(records.length);
      tar.putArchiveEntry(h);
      tar.write(records);
      tar.closeArchiveEntry();
      return this;
    }

    /**
     * A 'g' member, by hand: commons-compress's writer builds those itself from a map of strings.
     * Must come first, as the writer buffers blocks.
     */
    TarBuilder globalFirst(byte[] records) {
      byte[] header = new byte[512];
      field(header, 0, "pax_global_header");
      field(header, 100, "0000644");
      field(header, 108, "0000000");
      field(header, 116, "0000000");
      field(header, 124, String.format("%011o", records.length));
      field(header, 136, "00000000000");
      field(header, 148, "        ");
      header[156] = TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER;
      field(header, 257, "ustar");
      field(header, 263, "00");
      int sum = 0;
      for (byte b : header) {
        sum += b & 0xff;
      }
      field(header, 148, String.format("%06o", sum));
      header[155] = ' ';
      bytes.writeBytes(header);
      bytes.writeBytes(records);
      bytes.writeBytes(new byte[(512 - records.length % 512) % 512]);
      return this;
    }

    private static void field(byte[] header, int offset, String value) {
      byte[] v = value.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(v, 0, header, offset, v.length);
    }

    TarBuilder file(String name, byte[] content) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(content.length);
      tar.putArchiveEntry(e);
      tar.write(content);
      tar.closeArchiveEntry();
      return this;
    }

    List<FileEntry> read() throws IOException {
      tar.finish();
      return Trees.entries(
          new TarEntrySource(new ByteArrayInputStream(bytes.toByteArray()), false));
    }
  }

  private static Map<String, String> xattrsOf(List<FileEntry> entries, String path) {
    return entries.stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow().xattrs();
  }

  private static byte[] decoded(String base64) {
    return Base64.getDecoder().decode(base64);
  }

  @Test
  void binaryXattrValuesAreReadByteExact() throws Exception {
    byte[] records =
        concat(
            record("SCHILY.xattr.security.capability", BINARY),
            record(
                "SCHILY.xattr.user.\u00fcml\u00e4ut",
                "text \u00e9".getBytes(StandardCharsets.UTF_8)),
            record("SCHILY.xattr.user.empty", new byte[0]),
            record("mtime", "1700000000.5".getBytes(StandardCharsets.US_ASCII)));
    List<FileEntry> entries =
        new TarBuilder()
            .pax(TarConstants.LF_PAX_EXTENDED_HEADER_LC, records)
            .file("f", "content".getBytes(StandardCharsets.UTF_8))
            .file("g", new byte[0])
            .read();

    Map<String, String> x = xattrsOf(entries, "/f");
    assertThat(x).containsOnlyKeys("security.capability", "user.\u00fcml\u00e4ut", "user.empty");
    assertThat(decoded(x.get("security.capability"))).containsExactly(BINARY);
    assertThat(new String(decoded(x.get("user.\u00fcml\u00e4ut")), StandardCharsets.UTF_8))
        .isEqualTo("text \u00e9");
    assertThat(decoded(x.get("user.empty"))).isEmpty();
    // commons-compress still applies the other keys, and the header is for "f" only.
    FileEntry f = entries.stream().filter(e -> e.path().equals("/f")).findFirst().orElseThrow();
    assertThat(f.mtime().toString()).isEqualTo("2023-11-14T22:13:20.500Z");
    assertThat(xattrsOf(entries, "/g")).isEmpty();
  }

  @Test
  void globalHeaderAppliesToAllFollowingMembersAndLocalOverrides() throws Exception {
    byte[] other = {(byte) 0xfe, 0x01};
    List<FileEntry> entries =
        new TarBuilder()
            .globalFirst(
                concat(
                    record("SCHILY.xattr.user.g", BINARY), record("SCHILY.xattr.user.h", BINARY)))
            .file("a", new byte[0])
            .pax(TarConstants.LF_PAX_EXTENDED_HEADER_LC, record("SCHILY.xattr.user.h", other))
            .file("b", new byte[0])
            .file("c", new byte[0])
            .read();
    assertThat(decoded(xattrsOf(entries, "/a").get("user.h"))).containsExactly(BINARY);
    assertThat(decoded(xattrsOf(entries, "/b").get("user.g"))).containsExactly(BINARY);
    assertThat(decoded(xattrsOf(entries, "/b").get("user.h"))).containsExactly(other);
    assertThat(decoded(xattrsOf(entries, "/c").get("user.h"))).containsExactly(BINARY);
  }

  @Test
  void exactBase64CopyWinsOverTheRawValue() throws Exception {
    byte[] records =
        concat(
            record("SCHILY.xattr.user.a b", "wrong".getBytes(StandardCharsets.UTF_8)),
            record("LIBARCHIVE.xattr.user.a%20b", Base64.getEncoder().encode(BINARY)));
    List<FileEntry> entries =
        new TarBuilder()
            .pax(TarConstants.LF_PAX_EXTENDED_HEADER_LC, records)
            .file("f", new byte[0])
            .read();
    assertThat(decoded(xattrsOf(entries, "/f").get("user.a b"))).containsExactly(BINARY);
  }

  @Test
  void oversizedPaxHeaderIsRejected() throws Exception {
    byte[] big = new byte[PaxRecords.MAX_HEADER_SIZE];
    TarBuilder tar =
        new TarBuilder()
            .pax(TarConstants.LF_PAX_EXTENDED_HEADER_LC, record("comment", big))
            .file("f", new byte[0]);
    assertThatThrownBy(tar::read)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("PAX extended header of")
        .hasMessageContaining("accepted");
  }

  @Test
  void recordsAreParsedByLengthNotByDelimiters() throws Exception {
    byte[] data =
        concat(
            record("a", "x=y\nz".getBytes(StandardCharsets.UTF_8)),
            record("b", BINARY),
            new byte[] {0, 0, 0});
    Map<String, byte[]> parsed = PaxRecords.parse(data, data.length, "m");
    assertThat(parsed).containsOnlyKeys("a", "b");
    assertThat(parsed.get("a")).containsExactly("x=y\nz".getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.get("b")).containsExactly(BINARY);
  }

  @Test
  void malformedRecordsAreRejected() {
    for (String bad : List.of("5 a=b\n", "99 a=b\n", "x a=b\n", "7 a=bc ", "6 =bc\n", "5 ab\n")) {
      byte[] data = bad.getBytes(StandardCharsets.US_ASCII);
      assertThatThrownBy(() -> PaxRecords.parse(data, data.length, "m"))
          .as(bad)
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("m: malformed PAX");
    }
  }
}

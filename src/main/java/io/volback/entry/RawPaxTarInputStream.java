package io.volback.entry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * RawPaxTarInputStream is a TarArchiveInputStream that also keeps the PAX extended headers that
 * apply to the current member as raw bytes (see {@link #rawPaxHeaders()}).
 *
 * <p>commons-compress decodes PAX values as UTF-8, which mangles binary xattr values, and has no
 * option to hand over the 'x'/'g' members themselves. But it reads their records through this
 * stream's own read(), while the 'x' or 'g' member is the current entry; those bytes are copied
 * here and parsed by {@link PaxRecords}. TarEntrySource checks the result against what
 * commons-compress parsed, so a version that reads them some other way fails loudly.
 */
final class RawPaxTarInputStream extends TarArchiveInputStream {
  private record Capture(TarArchiveEntry member, ByteArrayOutputStream bytes) {}

  private final List<Capture> captures = new ArrayList<>();
  private final Map<String, byte[]> global = new HashMap<>();
  private Map<String, byte[]> current = Map.of();

  /** Header name fields are read as ISO-8859-1, i.e. byte for byte: names are bytes. */
  RawPaxTarInputStream(InputStream in) {
    super(in, StandardCharsets.ISO_8859_1.name());
  }

  /** The next member, like getNextEntry(), with its raw PAX headers in rawPaxHeaders(). */
  TarArchiveEntry next() throws IOException {
    captures.clear();
    TarArchiveEntry member = getNextEntry();
    Map<String, byte[]> local = new HashMap<>();
    for (Capture c : captures) {
      Map<String, byte[]> records =
          PaxRecords.parse(c.bytes().toByteArray(), c.bytes().size(), c.member().getName());
      (c.member().isGlobalPaxHeader() ? global : local).putAll(records);
    }
    captures.clear();
    Map<String, byte[]> merged = new HashMap<>(global);
    merged.putAll(local);
    current = merged;
    return member;
  }

  /** PAX keys to raw values for the member last returned by next(): global, then its own. */
  Map<String, byte[]> rawPaxHeaders() {
    return current;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    TarArchiveEntry member = getCurrentEntry();
    if (n > 0 && member != null && (member.isPaxHeader() || member.isGlobalPaxHeader())) {
      capture(member).write(buf, off, n);
    }
    return n;
  }

  private ByteArrayOutputStream capture(TarArchiveEntry member) throws IOException {
    Capture last = captures.isEmpty() ? null : captures.get(captures.size() - 1);
    if (last != null && last.member() == member) {
      return last.bytes();
    }
    if (member.getSize() > PaxRecords.MAX_HEADER_SIZE) {
      throw new IOException(
          member.getName()
              + ": PAX extended header of "
              + member.getSize()
              + " bytes, more than the "
              + PaxRecords.MAX_HEADER_SIZE
              + " accepted");
    }
    Capture c = new Capture(member, new ByteArrayOutputStream((int) member.getSize()));
    captures.add(c);
    return c.bytes();
  }
}

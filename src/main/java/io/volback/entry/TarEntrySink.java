package io.volback.entry;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * TarEntrySink writes entries as a POSIX (PAX) tar whose members are named rootName + path
 * ("data/", "data/a/b"; or "./", "./a/b" for rootName "."). Long names, big ids and sizes,
 * sub-second mtimes and xattrs (SCHILY.xattr.*) go into PAX headers. Owner names are left empty so
 * that extractors use the numeric ids. finish() writes the trailer; `out` is never closed.
 *
 * <p>Names are bytes: a name or link target that is not printable ASCII goes into a PAX path or
 * linkpath record as its exact bytes (ByteNames.encode), with hdrcharset=BINARY when they are not
 * UTF-8, as Docker's Go archive/tar reads them.
 */
public final class TarEntrySink implements EntrySink {
  private static final long MAX_OCTAL_SIZE = 077777777777L;
  private static final long MAX_OCTAL_ID = 07777777L;
  private static final int NAME_FIELD = 100;

  private final OutputStream buffered;
  private final TarArchiveOutputStream tar;
  private final String rootName;
  private boolean finished;

  public TarEntrySink(OutputStream out, String rootName) {
    if (rootName.isEmpty() || rootName.startsWith("/") || rootName.endsWith("/")) {
      throw new IllegalArgumentException("rootName must be like \"data\" or \".\": " + rootName);
    }
    this.rootName = rootName;
    this.buffered =
        new BufferedOutputStream(
            new FilterOutputStream(out) {
              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
              }

              @Override
              public void close() throws IOException {
                flush();
              }
            },
            64 * 1024);
    this.tar = new TarArchiveOutputStream(buffered, StandardCharsets.UTF_8.name());
    // Every value that does not fit the ustar header goes into our own PAX header (see
    // PaxHeader); these modes keep commons-compress from writing a second one of its own.
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_TRUNCATE);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
    tar.setAddPaxHeadersForNonAsciiNames(false);
  }

  @Override
  public void write(FileEntry entry, InputStream content) throws IOException {
    boolean directory = entry.type() == EntryType.DIRECTORY;
    String name = TarNames.toName(rootName, entry.path(), directory);
    String linkName =
        switch (entry.type()) {
          case SYMLINK -> entry.linkTarget();
          case HARDLINK -> TarNames.toName(rootName, entry.linkTarget(), false);
          default -> null;
        };
    long size = entry.type() == EntryType.FILE ? entry.size() : 0;
    long uid = Integer.toUnsignedLong(entry.uid());
    long gid = Integer.toUnsignedLong(entry.gid());

    TarArchiveEntry member = new TarArchiveEntry(name, typeFlag(entry.type()), true);
    member.setMode(entry.mode() & 07777);
    member.setUserId(uid);
    member.setGroupId(gid);
    member.setUserName("");
    member.setGroupName("");
    member.setSize(size);
    long seconds = Math.max(0, Math.min(entry.mtime().getEpochSecond(), MAX_OCTAL_SIZE));
    member.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(seconds)));
    if (linkName != null) {
      member.setLinkName(linkName);
    }
    if (entry.type() == EntryType.CHAR_DEVICE || entry.type() == EntryType.BLOCK_DEVICE) {
      member.setDevMajor(entry.deviceMajor());
      member.setDevMinor(entry.deviceMinor());
    }

    PaxHeader pax = new PaxHeader();
    if (ByteNames.hasEscapes(name) || linkName != null && ByteNames.hasEscapes(linkName)) {
      // POSIX: path/linkpath values are bytes, not UTF-8 (Go and GNU tar take them raw anyway).
      pax.add("hdrcharset", "BINARY");
    }
    if (needsPax(name)) {
      pax.add("path", ByteNames.encode(name));
    }
    if (linkName != null && needsPax(linkName)) {
      pax.add("linkpath", ByteNames.encode(linkName));
    }
    if (size > MAX_OCTAL_SIZE) {
      pax.add("size", Long.toString(size));
    }
    if (uid > MAX_OCTAL_ID) {
      pax.add("uid", Long.toString(uid));
    }
    if (gid > MAX_OCTAL_ID) {
      pax.add("gid", Long.toString(gid));
    }
    if (entry.mtime().getNano() != 0 || seconds != entry.mtime().getEpochSecond()) {
      pax.addTime("mtime", entry.mtime());
    }
    if (Integer.toUnsignedLong(entry.deviceMajor()) > MAX_OCTAL_ID
        || Integer.toUnsignedLong(entry.deviceMinor()) > MAX_OCTAL_ID) {
      pax.add("SCHILY.devmajor", Integer.toUnsignedString(entry.deviceMajor()));
      pax.add("SCHILY.devminor", Integer.toUnsignedString(entry.deviceMinor()));
    }
    pax.addXattrs(entry.xattrs());
    if (!pax.isEmpty()) {
      writePax(name, pax.bytes(), seconds);
    }

    tar.putArchiveEntry(member);
    if (size > 0) {
      if (content == null) {
        throw new IOException(entry.path() + ": FILE entry without content");
      }
      copyExactly(content, size, entry.path());
    }
    tar.closeArchiveEntry();
  }

  @Override
  public void finish() throws IOException {
    if (!finished) {
      finished = true;
      tar.finish();
      buffered.flush();
    }
  }

  /** Does not write the trailer: a tar without one tells readers that the writer failed. */
  @Override
  public void close() throws IOException {
    buffered.flush();
  }

  private void writePax(String name, byte[] records, long mtimeSeconds) throws IOException {
    StringBuilder ascii = new StringBuilder();
    for (char c : name.toCharArray()) {
      ascii.append(c < 0x20 || c > 0x7e ? '_' : c);
    }
    String paxName = "PaxHeaders/" + ascii;
    if (paxName.length() >= NAME_FIELD) {
      paxName = paxName.substring(0, NAME_FIELD - 1);
    }
    TarArchiveEntry header =
        new TarArchiveEntry(paxName, TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
    header.setUserName("");
    header.setGroupName("");
    header.setSize(records.length);
    header.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(mtimeSeconds)));
    tar.putArchiveEntry(header);
    tar.write(records);
    tar.closeArchiveEntry();
  }

  private void copyExactly(InputStream content, long size, String path) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long remaining = size;
    while (remaining > 0) {
      int n = content.read(buf, 0, (int) Math.min(buf.length, remaining));
      if (n < 0) {
        throw new IOException(path + ": content ended " + remaining + " bytes short of " + size);
      }
      tar.write(buf, 0, n);
      remaining -= n;
    }
    if (content.read() >= 0) {
      throw new IOException(path + ": content is longer than the entry's size " + size);
    }
  }

  private static boolean needsPax(String name) {
    byte[] bytes = ByteNames.encode(name);
    if (bytes.length >= NAME_FIELD) {
      return true;
    }
    for (byte b : bytes) {
      if (b < 0x20 || b > 0x7e) {
        return true;
      }
    }
    return false;
  }

  private static byte typeFlag(EntryType type) {
    return switch (type) {
      case DIRECTORY -> TarConstants.LF_DIR;
      case FILE -> TarConstants.LF_NORMAL;
      case SYMLINK -> TarConstants.LF_SYMLINK;
      case HARDLINK -> TarConstants.LF_LINK;
      case FIFO -> TarConstants.LF_FIFO;
      case CHAR_DEVICE -> TarConstants.LF_CHR;
      case BLOCK_DEVICE -> TarConstants.LF_BLK;
    };
  }
}

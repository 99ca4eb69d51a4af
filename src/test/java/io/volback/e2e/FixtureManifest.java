package io.volback.e2e;

import io.volback.entry.ByteNames;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.testsupport.MemoryTree;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * FixtureManifest describes a file tree as text lines, one per entry in tree order, so that the
 * tree a fixture repository restores can be compared with the tree it was made from.
 *
 * <p>A line is tab-separated: path, type, mode (octal), uid:gid, mtime, size, link target, device
 * numbers, xattrs (name=base64, sorted), file identity (inode:device:ctime) and the SHA-256 of the
 * content; "-" for absent. Paths and link targets are written as their bytes (ByteNames.encode),
 * printable ASCII as is and every other byte, and the backslash, as {@code \xNN}, so that a name
 * that is not valid UTF-8 is compared byte for byte, independent of how volback represents it as a
 * Java string.
 */
final class FixtureManifest {
  private FixtureManifest() {}

  static List<String> describe(MemoryTree tree) {
    List<String> lines = new ArrayList<>();
    for (FileEntry e : tree.entries()) {
      lines.add(describe(e, tree.content(e.path())));
    }
    return lines;
  }

  static String describe(FileEntry e, byte[] content) {
    return String.join(
        "\t",
        escape(ByteNames.encode(e.path())),
        e.type().name(),
        String.format("%04o", e.mode()),
        e.uid() + ":" + e.gid(),
        e.mtime().toString(),
        Long.toString(e.size()),
        e.linkTarget() == null ? "-" : escape(ByteNames.encode(e.linkTarget())),
        isDevice(e) ? e.deviceMajor() + "," + e.deviceMinor() : "-",
        e.xattrs().isEmpty() ? "-" : xattrs(e.xattrs()),
        e.inode() == null ? "-" : e.inode() + ":" + e.device() + ":" + e.ctime(),
        e.type() == EntryType.FILE ? sha256(content) : "-");
  }

  private static boolean isDevice(FileEntry e) {
    return e.type() == EntryType.CHAR_DEVICE || e.type() == EntryType.BLOCK_DEVICE;
  }

  private static String xattrs(Map<String, String> xattrs) {
    return xattrs.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(x -> x.getKey() + "=" + x.getValue())
        .collect(Collectors.joining(","));
  }

  /** Printable ASCII but the backslash as is, every other byte as \xNN. */
  static String escape(byte[] name) {
    StringBuilder b = new StringBuilder();
    for (byte x : name) {
      int c = x & 0xFF;
      if (c > 0x20 && c < 0x7F && c != '\\') {
        b.append((char) c);
      } else {
        b.append(String.format("\\x%02x", c));
      }
    }
    return b.toString();
  }

  static String sha256(byte[] content) {
    if (content == null) {
      return "no-content";
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.volback.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** TarFixtures builds the tars the tests write into volumes and summarises the tars read back. */
final class TarFixtures {
  static final Instant OLD = Instant.parse("2001-09-09T01:46:40Z");

  /** What the tests compare of an entry: everything but the name (the map key). */
  record Summary(
      char type, int mode, long uid, long gid, long mtimeSeconds, String linkName, String sha256) {}

  private TarFixtures() {}

  /** A root directory "data/" and one file. */
  static void writeSingleFile(OutputStream out, String name, String content) throws IOException {
    TarArchiveOutputStream tar = open(out);
    dir(tar, "data/", 0755, 0, OLD);
    file(tar, "data/" + name, 0644, 0, content.getBytes(StandardCharsets.UTF_8), OLD);
    tar.finish();
  }

  /** Files, directories, a symlink, a hard link, uid/gid 1000, mode 0600, old mtimes. */
  static void writeTree(OutputStream out) throws IOException {
    TarArchiveOutputStream tar = open(out);
    dir(tar, "data/", 0750, 1000, OLD);
    dir(tar, "data/docs/", 0700, 1000, OLD.plusSeconds(60));
    file(
        tar,
        "data/docs/a.txt",
        0600,
        1000,
        "alpha\n".repeat(1000).getBytes(StandardCharsets.UTF_8),
        OLD);
    file(tar, "data/docs/random.bin", 0644, 0, randomBytes(2 << 20), OLD.plusSeconds(3600));
    file(tar, "data/empty", 0640, 1000, new byte[0], OLD);
    TarArchiveEntry symlink = new TarArchiveEntry("data/link", TarArchiveEntry.LF_SYMLINK);
    symlink.setLinkName("docs/a.txt");
    owner(symlink, 1000);
    symlink.setModTime(OLD.toEpochMilli());
    tar.putArchiveEntry(symlink);
    tar.closeArchiveEntry();
    // dockerd applies a hard link header's owner, mode and mtime to the shared inode, so the header
    // must repeat the target's attributes (as GNU tar's do), or it resets them.
    TarArchiveEntry hard = new TarArchiveEntry("data/zz-hard", TarArchiveEntry.LF_LINK);
    hard.setLinkName("data/docs/a.txt");
    hard.setMode(0600);
    owner(hard, 1000);
    hard.setModTime(OLD.toEpochMilli());
    tar.putArchiveEntry(hard);
    tar.closeArchiveEntry();
    tar.finish();
  }

  static byte[] tree() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeTree(bytes);
    return bytes.toByteArray();
  }

  /** Every entry of a tar stream by name, with its content hashed. */
  static Map<String, Summary> summarise(InputStream in) throws IOException {
    Map<String, Summary> entries = new LinkedHashMap<>();
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      String sha = e.isFile() && !e.isLink() ? sha256(tar) : null;
      char type = e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : e.isLink() ? 'h' : 'f';
      entries.put(
          e.getName(),
          new Summary(
              type,
              e.getMode() & 07777,
              e.getLongUserId(),
              e.getLongGroupId(),
              e.getModTime().toInstant().getEpochSecond(),
              e.getLinkName().isEmpty() ? null : e.getLinkName(),
              sha));
    }
    return entries;
  }

  static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private static TarArchiveOutputStream open(OutputStream out) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    return tar;
  }

  private static void dir(
      TarArchiveOutputStream tar, String name, int mode, int owner, Instant mtime)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(mode);
    owner(e, owner);
    e.setModTime(mtime.toEpochMilli());
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  private static void file(
      TarArchiveOutputStream tar, String name, int mode, int owner, byte[] content, Instant mtime)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(mode);
    owner(e, owner);
    e.setSize(content.length);
    e.setModTime(mtime.toEpochMilli());
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static void owner(TarArchiveEntry e, int id) {
    e.setUserId(id);
    e.setGroupId(id);
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) != -1; ) {
        digest.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}

package io.volback.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/** UnixAttributes is the lstat() of one path, read through the JDK's "unix:*" attribute view. */
record UnixAttributes(
    int rawMode, int uid, int gid, long inode, long device, long rdev, int nlink, long size,
    Instant mtime, Instant ctime) {

  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;

  static UnixAttributes read(Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
    return new UnixAttributes(
        (Integer) a.get("mode"),
        (Integer) a.get("uid"),
        (Integer) a.get("gid"),
        (Long) a.get("ino"),
        (Long) a.get("dev"),
        (Long) a.get("rdev"),
        (Integer) a.get("nlink"),
        (Long) a.get("size"),
        ((FileTime) a.get("lastModifiedTime")).toInstant(),
        ((FileTime) a.get("ctime")).toInstant());
  }

  int permissions() {
    return rawMode & 07777;
  }

  boolean isSocket() {
    return (rawMode & S_IFMT) == S_IFSOCK;
  }

  /** The entry type, or null for a socket (which no archive format stores). */
  EntryType type() {
    switch (rawMode & S_IFMT) {
      case S_IFLNK: return EntryType.SYMLINK;
      case S_IFREG: return EntryType.FILE;
      case S_IFBLK: return EntryType.BLOCK_DEVICE;
      case S_IFDIR: return EntryType.DIRECTORY;
      case S_IFCHR: return EntryType.CHAR_DEVICE;
      case S_IFIFO: return EntryType.FIFO;
      default: return null;
    }
  }

  /** Major device number of rdev in glibc's Linux encoding (gnu_dev_major). */
  int rdevMajor() {
    return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & 0xfffff000L));
  }

  /** Minor device number of rdev in glibc's Linux encoding (gnu_dev_minor). */
  int rdevMinor() {
    return (int) ((rdev & 0xff) | ((rdev >>> 12) & 0xffffff00L));
  }
}

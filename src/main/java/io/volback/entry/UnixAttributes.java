package io.volback.entry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/**
 * UnixAttributes is the stat of one file system object, decoded from statx(2)'s struct, which has
 * the same layout on every architecture. device is st_dev in glibc's dev_t encoding, as the JDK
 * reported it before, so that the identities recorded in older snapshots still match.
 */
record UnixAttributes(
    int rawMode,
    int uid,
    int gid,
    long inode,
    long device,
    long rdev,
    int nlink,
    long size,
    long blocks,
    Instant mtime,
    Instant ctime) {

  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;

  /** Decodes a struct statx filled by the kernel. */
  static UnixAttributes fromStatx(byte[] statx) {
    ByteBuffer b = ByteBuffer.wrap(statx).order(ByteOrder.nativeOrder());
    return new UnixAttributes(
        b.getShort(28) & 0xffff,
        b.getInt(20),
        b.getInt(24),
        b.getLong(32),
        makedev(b.getInt(136), b.getInt(140)),
        makedev(b.getInt(128), b.getInt(132)),
        b.getInt(16),
        b.getLong(40),
        b.getLong(48),
        Instant.ofEpochSecond(b.getLong(112), b.getInt(120) & 0xffffffffL),
        Instant.ofEpochSecond(b.getLong(96), b.getInt(104) & 0xffffffffL));
  }

  private static long makedev(int major, int minor) {
    long ma = major & 0xffffffffL;
    long mi = minor & 0xffffffffL;
    return ((ma & 0xfffL) << 8)
        | ((ma & 0xfffff000L) << 32)
        | (mi & 0xffL)
        | ((mi & 0xffffff00L) << 12);
  }

  /** Whether other is the same file system object (device and inode). */
  boolean sameObject(UnixAttributes other) {
    return inode == other.inode && device == other.device;
  }

  boolean isRegularFile() {
    return (rawMode & S_IFMT) == S_IFREG;
  }

  boolean isDirectory() {
    return (rawMode & S_IFMT) == S_IFDIR;
  }

  /** The S_IF* bits of the type. */
  int typeBits() {
    return rawMode & S_IFMT;
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
      case S_IFLNK:
        return EntryType.SYMLINK;
      case S_IFREG:
        return EntryType.FILE;
      case S_IFBLK:
        return EntryType.BLOCK_DEVICE;
      case S_IFDIR:
        return EntryType.DIRECTORY;
      case S_IFCHR:
        return EntryType.CHAR_DEVICE;
      case S_IFIFO:
        return EntryType.FIFO;
      default:
        return null;
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

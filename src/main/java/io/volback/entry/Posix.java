package io.volback.entry;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Posix is the only native code of volback: the libc calls (64-bit Linux, glibc 2.28 or later) that
 * let the directory source and sink work relative to open directory descriptors, on names that are
 * bytes, without ever following a symlink or resolving a path string twice. The JDK has no openat,
 * so without these a checked path can always be swapped before it is used.
 *
 * <p>Every method returns the native result or throws a FileSystemException naming the entry path
 * it was given for messages (NoSuchFileException for ENOENT, and so on).
 */
final class Posix {
  static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;
  private static final int AT_REMOVEDIR = 0x200;
  private static final int AT_EMPTY_PATH = 0x1000;

  static final int O_RDONLY = 0;
  static final int O_WRONLY = 1;
  static final int O_CREAT = 0100;
  static final int O_EXCL = 0200;
  static final int O_NOCTTY = 0400;
  static final int O_CLOEXEC = 02000000;
  static final int O_PATH = 010000000;
  // arm64 and powerpc have their own values for these two; x86-64, riscv64 and s390x use the
  // asm-generic ones. A wrong O_NOFOLLOW would follow symlinks, so other architectures are refused.
  private static final boolean ARM_FLAGS = armFlags(System.getProperty("os.arch"));
  static final int O_DIRECTORY = ARM_FLAGS ? 040000 : 0200000;
  static final int O_NOFOLLOW = ARM_FLAGS ? 0100000 : 0400000;

  static final int S_IFIFO = 0010000;
  static final int S_IFCHR = 0020000;
  static final int S_IFBLK = 0060000;

  static final int SEEK_DATA = 3;
  static final int SEEK_HOLE = 4;

  static final int ENOENT = 2;
  static final int ENXIO = 6;
  static final int EPERM = 1;
  static final int EACCES = 13;
  static final int EEXIST = 17;
  static final int ENOTDIR = 20;
  static final int ERANGE = 34;
  static final int ENOTEMPTY = 39;
  static final int ELOOP = 40;
  static final int ENODATA = 61;
  static final int EOPNOTSUPP = 95;

  private static final int STATX_BASIC_STATS = 0x7ff;
  private static final long UTIME_OMIT = (1L << 30) - 2;
  private static final byte[] EMPTY = {0};

  static {
    if (!Platform.isLinux() || !Platform.is64Bit()) {
      throw new UnsupportedOperationException(
          "volback reads and writes directories only on " + "64-bit Linux");
    }
    Native.register(Posix.class, Platform.C_LIBRARY_NAME);
  }

  private Posix() {}

  private static boolean armFlags(String arch) {
    return switch (arch) {
      case "amd64", "x86_64", "riscv64", "s390x" -> false;
      case "aarch64", "arm64", "ppc64le", "ppc64" -> true;
      default ->
          throw new UnsupportedOperationException(
              "volback reads and writes directories "
                  + "only on x86-64, arm64, ppc64, riscv64 and s390x Linux, not on "
                  + arch);
    };
  }

  private static native int openat(int dirfd, byte[] path, int flags, int mode);

  private static native int close(int fd);

  private static native int statx(int dirfd, byte[] path, int flags, int mask, byte[] buf);

  private static native int mkdirat(int dirfd, byte[] path, int mode);

  private static native int unlinkat(int dirfd, byte[] path, int flags);

  private static native int symlinkat(byte[] target, int dirfd, byte[] path);

  private static native int linkat(
      int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags);

  private static native long readlinkat(int dirfd, byte[] path, byte[] buf, long size);

  private static native int fchownat(int dirfd, byte[] path, int uid, int gid, int flags);

  private static native int fchown(int fd, int uid, int gid);

  private static native int fchmod(int fd, int mode);

  private static native int chmod(byte[] path, int mode);

  private static native int utimensat(int dirfd, byte[] path, long[] times, int flags);

  private static native int futimens(int fd, long[] times);

  private static native long listxattr(byte[] path, byte[] list, long size);

  private static native long getxattr(byte[] path, byte[] name, byte[] value, long size);

  private static native int fsetxattr(int fd, byte[] name, byte[] value, long size, int flags);

  private static native long lseek(int fd, long offset, int whence);

  private static native int ftruncate(int fd, long length);

  private static native Pointer fdopendir(int fd);

  private static native Pointer readdir64(Pointer dir);

  private static native int closedir(Pointer dir);

  private static native Pointer strerror(int errno);

  /** openat(2); path is the entry path for messages. */
  static int openAt(int dirfd, byte[] name, int flags, int mode, String path)
      throws FileSystemException {
    return check(openat(dirfd, cString(name), flags | O_CLOEXEC, mode), path);
  }

  static void close(int fd, String path) throws FileSystemException {
    check(close(fd), path);
  }

  /** The statx of name in dirfd, not following a symlink. */
  static UnixAttributes statAt(int dirfd, byte[] name, String path) throws FileSystemException {
    byte[] buf = new byte[256];
    check(statx(dirfd, cString(name), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buf), path);
    return UnixAttributes.fromStatx(buf);
  }

  /** The statx of name in dirfd, not following a symlink; null if there is no such entry. */
  static UnixAttributes statAtIfExists(int dirfd, byte[] name, String path)
      throws FileSystemException {
    byte[] buf = new byte[256];
    if (statx(dirfd, cString(name), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buf) < 0) {
      int errno = Native.getLastError();
      if (errno == ENOENT) {
        return null;
      }
      throw exception(errno, path);
    }
    return UnixAttributes.fromStatx(buf);
  }

  /** The statx of an open descriptor (also one opened with O_PATH). */
  static UnixAttributes stat(int fd, String path) throws FileSystemException {
    byte[] buf = new byte[256];
    check(statx(fd, EMPTY, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buf), path);
    return UnixAttributes.fromStatx(buf);
  }

  static void mkdirAt(int dirfd, byte[] name, int mode, String path) throws FileSystemException {
    check(mkdirat(dirfd, cString(name), mode), path);
  }

  static void unlinkAt(int dirfd, byte[] name, boolean directory, String path)
      throws FileSystemException {
    check(unlinkat(dirfd, cString(name), directory ? AT_REMOVEDIR : 0), path);
  }

  static void symlinkAt(byte[] target, int dirfd, byte[] name, String path)
      throws FileSystemException {
    check(symlinkat(cString(target), dirfd, cString(name)), path);
  }

  /**
   * Creates a FIFO or device node (mode holds its S_IF* type). glibc before 2.33 has no mknodat
   * symbol, only __xmknodat, hence the lookup by name.
   */
  static void mknodAt(int dirfd, byte[] name, int mode, int major, int minor, String path)
      throws FileSystemException {
    long dev =
        ((major & 0xfffL) << 8)
            | ((major & 0xfffff000L) << 32)
            | (minor & 0xffL)
            | ((minor & 0xffffff00L) << 12);
    NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
    int result;
    try {
      result =
          libc.getFunction("mknodat").invokeInt(new Object[] {dirfd, cString(name), mode, dev});
    } catch (UnsatisfiedLinkError e) {
      result =
          libc.getFunction("__xmknodat")
              .invokeInt(new Object[] {0, dirfd, cString(name), mode, new long[] {dev}});
    }
    check(result, path);
  }

  /** A hard link newName in newDir to oldName in oldDir; a symlink at oldName is not followed. */
  static void linkAt(int oldDir, byte[] oldName, int newDir, byte[] newName, String path)
      throws FileSystemException {
    check(linkat(oldDir, cString(oldName), newDir, cString(newName), 0), path);
  }

  /** The target bytes of the symlink name in dirfd. */
  static byte[] readlinkAt(int dirfd, byte[] name, String path) throws FileSystemException {
    for (int size = 256; ; size *= 4) {
      byte[] buf = new byte[size];
      long n = check(readlinkat(dirfd, cString(name), buf, size), path);
      if (n < size) {
        return Arrays.copyOf(buf, (int) n);
      }
    }
  }

  /** chown of name in dirfd, or of dirfd itself when name is null; never follows a symlink. */
  static void chownAt(int dirfd, byte[] name, int uid, int gid, String path)
      throws FileSystemException {
    check(
        name == null
            ? fchown(dirfd, uid, gid)
            : fchownat(dirfd, cString(name), uid, gid, AT_SYMLINK_NOFOLLOW),
        path);
  }

  static void fchmod(int fd, int mode, String path) throws FileSystemException {
    check(fchmod(fd, mode), path);
  }

  /**
   * chmod of the object open as fd (also with O_PATH, where fchmod is refused), through its
   * /proc/self/fd link, which names the open object itself, never a path that could be swapped.
   */
  static void chmodOpen(int fd, int mode, String path) throws FileSystemException {
    check(chmod(cString(procPath(fd)), mode), path);
  }

  /** Sets the mtime of name in dirfd (dirfd itself when name is null), atime untouched. */
  static void setMtimeAt(int dirfd, byte[] name, Instant mtime, String path)
      throws FileSystemException {
    long[] times = {0, UTIME_OMIT, mtime.getEpochSecond(), mtime.getNano()};
    check(
        name == null
            ? futimens(dirfd, times)
            : utimensat(dirfd, cString(name), times, AT_SYMLINK_NOFOLLOW),
        path);
  }

  /** The attribute names of the object open as fd, NUL-separated; empty where unsupported. */
  static byte[] listXattrs(int fd, String path) throws FileSystemException {
    byte[] p = cString(procPath(fd));
    while (true) {
      long size = listxattr(p, null, 0);
      if (size < 0 && isNotSupported(Native.getLastError())) {
        return new byte[0];
      }
      if (check(size, path) == 0) {
        return new byte[0];
      }
      byte[] buf = new byte[(int) size];
      long n = listxattr(p, buf, buf.length);
      if (n >= 0 || Native.getLastError() != ERANGE) {
        return Arrays.copyOf(buf, (int) check(n, path));
      }
    }
  }

  /** One attribute's value of the object open as fd, or null when it vanished meanwhile. */
  static byte[] getXattr(int fd, byte[] name, String path) throws FileSystemException {
    byte[] p = cString(procPath(fd));
    byte[] n = cString(name);
    while (true) {
      long size = getxattr(p, n, null, 0);
      if (size < 0 && Native.getLastError() == ENODATA) {
        return null;
      }
      byte[] buf = new byte[(int) check(size, path)];
      long got = getxattr(p, n, buf, buf.length);
      if (got >= 0) {
        return Arrays.copyOf(buf, (int) got);
      }
      int errno = Native.getLastError();
      if (errno == ENODATA) {
        return null;
      }
      if (errno != ERANGE) {
        throw exception(errno, path);
      }
    }
  }

  /** Sets one attribute on fd; false where the file system does not support it. */
  static boolean setXattr(int fd, byte[] name, byte[] value, String path)
      throws FileSystemException {
    if (fsetxattr(fd, cString(name), value, value.length, 0) == 0) {
      return true;
    }
    int errno = Native.getLastError();
    if (isNotSupported(errno)) {
      return false;
    }
    throw exception(errno, path);
  }

  /** lseek with SEEK_DATA or SEEK_HOLE; -1 for ENXIO (no data at or after offset). */
  static long seek(int fd, long offset, int whence, String path) throws FileSystemException {
    long r = lseek(fd, offset, whence);
    if (r < 0 && Native.getLastError() == ENXIO) {
      return -1;
    }
    return check(r, path);
  }

  static void truncate(int fd, long length, String path) throws FileSystemException {
    check(ftruncate(fd, length), path);
  }

  /** The names in the directory open as dirfd, without "." and "..", in directory order. */
  static void list(int dirfd, String path, java.util.function.Consumer<byte[]> names)
      throws FileSystemException {
    // A second description of the same directory: fdopendir takes it over, and its offset is
    // not dirfd's.
    int fd = openAt(dirfd, new byte[] {'.'}, O_RDONLY | O_DIRECTORY, 0, path);
    Pointer dir = fdopendir(fd);
    if (dir == null) {
      int errno = Native.getLastError();
      close(fd);
      throw exception(errno, path);
    }
    try {
      // glibc's struct dirent64: d_ino 8, d_off 8, d_reclen 2, d_type 1, d_name.
      for (Pointer e = readdir64(dir); e != null; e = readdir64(dir)) {
        long len = e.indexOf(19, (byte) 0);
        byte[] name = e.getByteArray(19, (int) len);
        if (!isDotOrDotDot(name)) {
          names.accept(name);
        }
      }
    } finally {
      closedir(dir);
    }
  }

  /** The /proc/self/fd link of fd: opening it reopens the open object, not a path. */
  static byte[] procPath(int fd) {
    return ("/proc/self/fd/" + fd).getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean isDotOrDotDot(byte[] n) {
    return (n.length == 1 && n[0] == '.') || (n.length == 2 && n[0] == '.' && n[1] == '.');
  }

  private static boolean isNotSupported(int errno) {
    return errno == EOPNOTSUPP;
  }

  private static byte[] cString(byte[] name) {
    return Arrays.copyOf(name, name.length + 1);
  }

  private static int check(int result, String path) throws FileSystemException {
    if (result < 0) {
      throw exception(Native.getLastError(), path);
    }
    return result;
  }

  private static long check(long result, String path) throws FileSystemException {
    if (result < 0) {
      throw exception(Native.getLastError(), path);
    }
    return result;
  }

  /** The exception for errno, of the JDK's type for it where there is one. */
  static FileSystemException exception(int errno, String path) {
    String file = ByteNames.printable(path);
    String reason = describe(errno);
    return switch (errno) {
      case ENOENT -> new NoSuchFileException(file, null, reason);
      case EEXIST -> new FileAlreadyExistsException(file, null, reason);
      case ENOTEMPTY -> new DirectoryNotEmptyException(file);
      case ENOTDIR -> new NotDirectoryException(file);
      case EACCES, EPERM -> new AccessDeniedException(file, null, reason);
      default -> new ErrnoException(file, errno, reason);
    };
  }

  static String describe(int errno) {
    Pointer message = strerror(errno);
    return message == null ? "errno " + errno : message.getString(0, "US-ASCII");
  }

  /** ErrnoException is a failed call whose errno has no JDK exception type. */
  static final class ErrnoException extends FileSystemException {
    private final int errno;

    ErrnoException(String file, int errno, String reason) {
      super(file, null, reason);
      this.errno = errno;
    }

    int errno() {
      return errno;
    }
  }

  /** Whether e is the failure of a call with the given errno. */
  static boolean isErrno(IOException e, int errno) {
    return e instanceof ErrnoException x && x.errno() == errno;
  }
}

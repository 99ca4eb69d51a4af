package io.volback.entry;

import java.nio.file.FileSystemException;

/**
 * Fd is an open file descriptor and the entry path it was opened for (for messages); closing it
 * closes the descriptor once.
 */
final class Fd implements AutoCloseable {
  final int fd;
  final String path;
  private boolean closed;

  private Fd(int fd, String path) {
    this.fd = fd;
    this.path = path;
  }

  /** Opens name in the directory dir, never following a symlink at name. */
  static Fd openAt(int dir, byte[] name, int flags, int mode, String path)
      throws FileSystemException {
    return new Fd(Posix.openAt(dir, name, flags | Posix.O_NOFOLLOW, mode, path), path);
  }

  /** Opens the directory name in dir; fails on anything else, a symlink included. */
  static Fd openDirectoryAt(int dir, byte[] name, String path) throws FileSystemException {
    return openAt(dir, name, Posix.O_RDONLY | Posix.O_DIRECTORY, 0, path);
  }

  /**
   * Opens the object open as fd once more, with other flags (an O_PATH descriptor cannot be read),
   * through its /proc/self/fd link: the same object, whatever its path now leads to.
   */
  static Fd reopen(Fd fd, int flags) throws FileSystemException {
    return new Fd(
        Posix.openAt(Posix.AT_FDCWD, Posix.procPath(fd.fd), flags | Posix.O_NOCTTY, 0, fd.path),
        fd.path);
  }

  UnixAttributes stat() throws FileSystemException {
    return Posix.stat(fd, path);
  }

  @Override
  public void close() throws FileSystemException {
    if (!closed) {
      closed = true;
      Posix.close(fd, path);
    }
  }
}

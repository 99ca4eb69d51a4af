package io.volback.entry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * FileContent reads a regular file that the walk holds open (an O_PATH descriptor whose identity
 * was checked): it reopens that very object through /proc/self/fd, never a path. In a sparse file
 * (fewer blocks allocated than its size) it finds the holes with SEEK_DATA/SEEK_HOLE and delivers
 * them as zeros without reading them.
 */
final class FileContent extends InputStream {
  private final FileChannel channel;
  private final Fd seeker;
  private final String path;
  private long pos;
  private long nextData;
  private long dataEnd;

  private FileContent(FileChannel channel, Fd seeker, String path) {
    this.channel = channel;
    this.seeker = seeker;
    this.path = path;
  }

  /** Opens the content of the file open as fd; attrs is its stat when the walk opened it. */
  static FileContent open(Fd fd, UnixAttributes attrs) throws IOException {
    if (fd.stat().nlink() == 0) {
      throw new NoSuchFileException(ByteNames.printable(fd.path), null, "deleted during the walk");
    }
    String proc = new String(Posix.procPath(fd.fd), java.nio.charset.StandardCharsets.US_ASCII);
    FileChannel channel = FileChannel.open(Path.of(proc), StandardOpenOption.READ);
    Fd seeker = null;
    if (attrs.blocks() * 512 < attrs.size()) {
      try {
        seeker = Fd.reopen(fd, Posix.O_RDONLY);
      } catch (FileSystemException e) {
        channel.close();
        throw e;
      }
    }
    return new FileContent(channel, seeker, fd.path);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    long readable = len;
    if (seeker != null) {
      if (pos >= dataEnd && !locateData()) {
        return -1;
      }
      if (pos < nextData) {
        int n = (int) Math.min(len, nextData - pos);
        Arrays.fill(b, off, off + n, (byte) 0);
        pos += n;
        return n;
      }
      readable = Math.min(len, dataEnd - pos);
    }
    int n = channel.read(ByteBuffer.wrap(b, off, (int) readable), pos);
    if (n > 0) {
      pos += n;
    }
    return n;
  }

  /** Finds the data segment at or after pos; false at the end of the file. */
  private boolean locateData() throws IOException {
    long data;
    try {
      data = Posix.seek(seeker.fd, pos, Posix.SEEK_DATA, path);
    } catch (FileSystemException e) {
      // A file system without SEEK_DATA: read everything from here on.
      nextData = pos;
      dataEnd = Long.MAX_VALUE;
      return true;
    }
    if (data < 0) {
      long size = seeker.stat().size();
      if (pos >= size) {
        return false;
      }
      // Only a hole is left: zeros up to the end.
      nextData = size;
      dataEnd = size;
      return true;
    }
    nextData = data;
    long hole;
    try {
      hole = Posix.seek(seeker.fd, data, Posix.SEEK_HOLE, path);
    } catch (FileSystemException e) {
      hole = -1;
    }
    dataEnd = hole < 0 ? Long.MAX_VALUE : hole;
    return true;
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      if (seeker != null) {
        seeker.close();
      }
    }
  }
}

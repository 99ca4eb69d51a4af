package io.volback.entry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * SparseOutput writes the content of a new, empty file open as fd, leaving every all-zero block
 * (BLOCK bytes, aligned in the file) unwritten: the file system keeps it as a hole, so a sparse
 * file is restored sparse. finish() sets the final length, which also covers a trailing hole. On a
 * file system without holes the skipped blocks simply read as the zeros they are.
 */
final class SparseOutput extends OutputStream {
  static final int BLOCK = 4096;
  private static final byte[] ZEROS = new byte[BLOCK];

  private final Fd fd;
  private final FileChannel channel;
  private long position;

  SparseOutput(Fd fd) throws IOException {
    this.fd = fd;
    // The same open file, reached through its descriptor's link: never a path lookup.
    this.channel =
        FileChannel.open(
            Path.of(new String(Posix.procPath(fd.fd), StandardCharsets.US_ASCII)),
            StandardOpenOption.WRITE);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int end = off + len;
    int runStart = -1;
    int i = off;
    while (i < end) {
      // Units end at block boundaries of the file, so that a skipped unit is a whole block.
      int unit = (int) Math.min(end - i, BLOCK - (position + (i - off)) % BLOCK);
      boolean zero = Arrays.mismatch(b, i, i + unit, ZEROS, 0, unit) < 0;
      if (!zero && runStart < 0) {
        runStart = i;
      } else if (zero && runStart >= 0) {
        writeAt(b, runStart, i - runStart, position + (runStart - off));
        runStart = -1;
      }
      i += unit;
    }
    if (runStart >= 0) {
      writeAt(b, runStart, end - runStart, position + (runStart - off));
    }
    position += len;
  }

  private void writeAt(byte[] b, int off, int len, long at) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(b, off, len);
    while (buf.hasRemaining()) {
      at += channel.write(buf, at);
    }
  }

  /** The bytes written so far, holes included. */
  long position() {
    return position;
  }

  /** Sets the file's length to what was written, holes included. */
  void finish() throws IOException {
    Posix.truncate(fd.fd, position, fd.path);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}

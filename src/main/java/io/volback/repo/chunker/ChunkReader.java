package io.volback.repo.chunker;

import java.io.IOException;
import java.io.InputStream;

/**
 * ChunkReader cuts input streams into content-defined chunks. It buffers at most twice the maximum
 * chunk size, whatever the stream's length, and reuses its buffer for the next stream after
 * reset(). Chunks are views of that buffer, valid until the next call: nothing is copied or
 * allocated per chunk. Not thread-safe.
 */
public final class ChunkReader {
  private static final int READ_SIZE = 1 << 20;

  private final Chunker chunker;
  private final byte[] buf;
  private InputStream in;
  private int start;
  private int end;
  private int chunkEnd;
  private boolean eof;

  public ChunkReader(Chunker chunker) {
    this.chunker = chunker;
    this.buf = new byte[2 * chunker.params().maxSize()];
  }

  /** Starts cutting a new stream. */
  public ChunkReader reset(InputStream stream) {
    this.in = stream;
    this.start = 0;
    this.end = 0;
    this.chunkEnd = 0;
    this.eof = false;
    return this;
  }

  /**
   * Cuts the next chunk and returns its length, or -1 at the end of the stream. The chunk is
   * bytes()[offset(), offset() + length) until the next call.
   */
  public int next() throws IOException {
    start = chunkEnd;
    fill();
    if (start == end) {
      return -1;
    }
    chunkEnd = start + chunker.cutPoint(buf, start, end - start);
    return chunkEnd - start;
  }

  public byte[] bytes() {
    return buf;
  }

  public int offset() {
    return start;
  }

  private void fill() throws IOException {
    int max = chunker.params().maxSize();
    if (eof || end - start >= max) {
      return;
    }
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    while (end < buf.length && end - start < max) {
      // Bounded reads: the JDK stages a file read in a temporary direct buffer of the read's size.
      int n = in.read(buf, end, Math.min(READ_SIZE, buf.length - end));
      if (n < 0) {
        eof = true;
        return;
      }
      end += n;
    }
  }
}

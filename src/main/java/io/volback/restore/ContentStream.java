package io.volback.restore;

import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import io.volback.repo.pack.BlobCodec;
import io.volback.repo.pack.BlobData;
import io.volback.repo.pack.BlobLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;

/**
 * ContentStream delivers a file's content blob by blob; each blob is verified before any of its
 * bytes are handed out, and the total length must match the recorded size.
 */
final class ContentStream extends InputStream {
  // A thread reads one file's content at a time; reusing its decode buffers saves ~2 allocated
  // bytes per restored byte.
  private static final ThreadLocal<BlobCodec.DecodeBuffers> BUFFERS =
      ThreadLocal.withInitial(BlobCodec.DecodeBuffers::new);
  // File channels stage a heap array's write in a temporary direct buffer of the write's size,
  // and cache it only up to -Djdk.nio.maxCachedBufferSize (1 MiB in bin/volback).
  private static final int WRITE_PIECE = 1 << 20;

  private final BlobLoader loader;
  private final Iterator<Id> blobs;
  private final long expectedSize;
  private final String path;
  private byte[] current = new byte[0];
  private int pos;
  private int end;
  private long delivered;

  ContentStream(BlobLoader loader, List<Id> blobs, long expectedSize, String path) {
    this.loader = loader;
    this.blobs = blobs.iterator();
    this.expectedSize = expectedSize;
    this.path = path;
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
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, end - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    delivered += n;
    return n;
  }

  /** Writes the rest of the content to out straight from the decoded blobs, in bounded writes. */
  @Override
  public long transferTo(OutputStream out) throws IOException {
    long total = 0;
    while (fill()) {
      int n = Math.min(WRITE_PIECE, end - pos);
      out.write(current, pos, n);
      pos += n;
      delivered += n;
      total += n;
    }
    return total;
  }

  /** Makes the current blob have bytes left; false at the end of the content. */
  private boolean fill() throws IOException {
    while (pos == end) {
      if (!blobs.hasNext()) {
        if (delivered != expectedSize) {
          throw new CorruptObjectException(
              "content of "
                  + path
                  + " has "
                  + delivered
                  + " bytes, the snapshot records "
                  + expectedSize);
        }
        return false;
      }
      BlobData blob = loader.load(blobs.next(), BUFFERS.get());
      current = blob.bytes();
      pos = blob.offset();
      end = blob.offset() + blob.length();
    }
    return true;
  }
}

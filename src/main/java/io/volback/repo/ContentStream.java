package io.volback.repo;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/**
 * ContentStream delivers a file's content blob by blob; each blob is verified before any of its
 * bytes are handed out, and the total length must match the recorded size.
 */
final class ContentStream extends InputStream {
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
    while (pos == end) {
      if (!blobs.hasNext()) {
        if (delivered != expectedSize) {
          throw new CorruptObjectException("content of " + path + " has " + delivered
              + " bytes, the snapshot records " + expectedSize);
        }
        return -1;
      }
      BlobData blob = loader.load(blobs.next());
      current = blob.bytes();
      pos = blob.offset();
      end = blob.offset() + blob.length();
    }
    int n = Math.min(len, end - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    delivered += n;
    return n;
  }
}

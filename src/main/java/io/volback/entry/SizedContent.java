package io.volback.entry;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * SizedContent delivers exactly the size recorded in an entry, as the EntrySink contract demands,
 * even if a live file grows (truncated) or shrinks (padded with zeros, with a warning) while it is
 * read — what GNU tar does for the same race.
 */
final class SizedContent extends InputStream {
  private final InputStream in;
  private final String path;
  private final Consumer<String> warnings;
  private long remaining;
  private boolean padding;
  private boolean checkedGrowth;

  SizedContent(InputStream in, long size, String path, Consumer<String> warnings) {
    this.in = in;
    this.remaining = size;
    this.path = path;
    this.warnings = warnings;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (remaining == 0) {
      if (!checkedGrowth && !padding) {
        checkedGrowth = true;
        if (in.read() >= 0) {
          warnings.accept(
              ByteNames.printable(path)
                  + ": file grew while being read; content truncated to its size");
        }
      }
      return -1;
    }
    int want = (int) Math.min(len, remaining);
    int n = padding ? -1 : in.read(b, off, want);
    if (n < 0) {
      if (!padding) {
        padding = true;
        warnings.accept(
            ByteNames.printable(path)
                + ": file shrank while being read; padded with "
                + remaining
                + " zero bytes");
      }
      java.util.Arrays.fill(b, off, off + want, (byte) 0);
      n = want;
    }
    remaining -= n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

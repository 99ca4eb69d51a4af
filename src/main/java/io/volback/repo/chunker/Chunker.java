package io.volback.repo.chunker;

/**
 * Chunker finds content-defined cut points with FastCDC: a gear rolling hash, no cut before
 * minSize, a stricter mask before avgSize and a looser one after it (normalised chunking, level 2),
 * and a forced cut at maxSize. Equal content yields equal chunks wherever it sits in a file.
 */
public final class Chunker {
  private static final int NORMALISATION = 2;

  private final GearTable gear;
  private final ChunkerParams params;
  private final long maskSmall;
  private final long maskLarge;

  public Chunker(GearTable gear, ChunkerParams params) {
    this.gear = gear;
    this.params = params;
    int bits = params.averageBits();
    // The high bits of a gear hash depend on the last 64 bytes; the low bits only on the last few.
    this.maskSmall = -1L << (64 - (bits + NORMALISATION));
    this.maskLarge = -1L << (64 - (bits - NORMALISATION));
  }

  public ChunkerParams params() {
    return params;
  }

  /**
   * Returns the length of the next chunk of buf[off, off+len). When len is less than maxSize the
   * caller must only pass a short tail at the end of the data (no cut is forced before maxSize).
   */
  public int cutPoint(byte[] buf, int off, int len) {
    int n = Math.min(len, params.maxSize());
    if (n <= params.minSize()) {
      return n;
    }
    int normal = Math.min(n, params.avgSize());
    long hash = 0;
    int i = params.minSize();
    for (; i < normal; i++) {
      hash = (hash << 1) + gear.get(buf[off + i]);
      if ((hash & maskSmall) == 0) {
        return i + 1;
      }
    }
    for (; i < n; i++) {
      hash = (hash << 1) + gear.get(buf[off + i]);
      if ((hash & maskLarge) == 0) {
        return i + 1;
      }
    }
    return n;
  }
}

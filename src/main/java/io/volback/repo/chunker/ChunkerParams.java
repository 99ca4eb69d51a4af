package io.volback.repo.chunker;

/**
 * ChunkerParams bounds the chunk sizes of the content-defined chunker. avgSize must be a power of
 * two; minSize &lt; avgSize &lt; maxSize.
 */
public record ChunkerParams(int minSize, int avgSize, int maxSize) {
  public static final ChunkerParams DEFAULT = new ChunkerParams(256 << 10, 1 << 20, 4 << 20);

  public ChunkerParams {
    if (Integer.bitCount(avgSize) != 1) {
      throw new IllegalArgumentException("chunker average size must be a power of two: " + avgSize);
    }
    if (minSize <= 0 || minSize >= avgSize || avgSize >= maxSize) {
      throw new IllegalArgumentException(
          "chunker sizes must satisfy 0 < min < avg < max: "
              + minSize
              + "/"
              + avgSize
              + "/"
              + maxSize);
    }
  }

  int averageBits() {
    return Integer.numberOfTrailingZeros(avgSize);
  }
}

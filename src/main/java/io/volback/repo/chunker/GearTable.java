package io.volback.repo.chunker;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * GearTable holds the 256 random values of the gear rolling hash. It is derived from a
 * per-repository seed so that chunk boundaries (and thus chunk sizes) reveal nothing about known
 * files.
 */
public final class GearTable {
  private final long[] values = new long[256];

  private GearTable(byte[] seed) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < 256; i += 4) {
        sha.update(seed);
        sha.update(ByteBuffer.allocate(4).putInt(i).array());
        ByteBuffer digest = ByteBuffer.wrap(sha.digest());
        for (int j = 0; j < 4; j++) {
          values[i + j] = digest.getLong();
        }
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static GearTable fromSeed(byte[] seed) {
    return new GearTable(seed.clone());
  }

  long get(int b) {
    return values[b & 0xff];
  }
}

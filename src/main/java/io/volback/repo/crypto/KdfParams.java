package io.volback.repo.crypto;

import org.bouncycastle.crypto.generators.SCrypt;

/**
 * KdfParams are scrypt's cost parameters. DEFAULT costs 64 MiB and ~0.2 s per open on a modern
 * core; tests use CHEAP. Parameters are bounded because they come from key files, which anyone who
 * can write to the repository can craft: unbounded ones overflow scrypt's buffers or exhaust memory
 * and time before the password is even tried.
 */
public record KdfParams(int n, int r, int p) {
  public static final KdfParams DEFAULT = new KdfParams(1 << 16, 8, 1);
  public static final KdfParams CHEAP = new KdfParams(1 << 10, 8, 1);

  private static volatile KdfParams forNewKeys = DEFAULT;

  /** Largest N accepted (16 times DEFAULT's). */
  public static final int MAX_N = 1 << 20;

  public static final int MAX_R = 32;
  public static final int MAX_P = 16;

  /**
   * scrypt needs 128 * N * r bytes of memory: at most DEFAULT's 64 MiB, which is what bin/volback's
   * 128 MiB heap has room for; a hostile key file must not make opening run out of memory.
   */
  public static final long MAX_MEMORY = 64L << 20;

  /** N * r * p bounds the work: at most 16 times DEFAULT's. */
  private static final long MAX_WORK = 16L * (1 << 16) * 8;

  public KdfParams {
    if (Integer.bitCount(n) != 1
        || n < 2
        || n > MAX_N
        || r < 1
        || r > MAX_R
        || p < 1
        || p > MAX_P
        || 128L * n * r > MAX_MEMORY
        || (long) n * r * p > MAX_WORK) {
      throw new IllegalArgumentException(
          "scrypt parameters N="
              + n
              + " r="
              + r
              + " p="
              + p
              + " are out of bounds (N a power of two from 2 to "
              + MAX_N
              + ", r 1 to "
              + MAX_R
              + ", p 1 to "
              + MAX_P
              + ", at most "
              + (MAX_MEMORY >> 20)
              + " MiB of memory and "
              + "16 times the default work)");
    }
  }

  /** The parameters of the key files written from now on (init, key add, key passwd): DEFAULT. */
  public static KdfParams forNewKeys() {
    return forNewKeys;
  }

  /**
   * For test suites that create hundreds of repositories through the command line: CHEAP there
   * saves a derivation of DEFAULT's cost on every later open. volback itself never calls this.
   */
  public static void useForNewKeys(KdfParams params) {
    forNewKeys = java.util.Objects.requireNonNull(params);
  }

  public byte[] derive(byte[] password, byte[] salt) {
    return SCrypt.generate(password, salt, n, r, p, 32);
  }
}

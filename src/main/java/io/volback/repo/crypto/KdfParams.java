package io.volback.repo.crypto;

import org.bouncycastle.crypto.generators.SCrypt;

/**
 * KdfParams are scrypt's cost parameters. DEFAULT costs 64 MiB and ~0.2 s per open on a modern
 * core; tests use CHEAP.
 */
public record KdfParams(int n, int r, int p) {
  public static final KdfParams DEFAULT = new KdfParams(1 << 16, 8, 1);
  public static final KdfParams CHEAP = new KdfParams(1 << 10, 8, 1);

  public KdfParams {
    if (Integer.bitCount(n) != 1 || n < 2 || r < 1 || p < 1) {
      throw new IllegalArgumentException("invalid scrypt parameters N=" + n + " r=" + r + " p=" + p);
    }
  }

  public byte[] derive(byte[] password, byte[] salt) {
    return SCrypt.generate(password, salt, n, r, p, 32);
  }
}

package io.volback.repo.crypto;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NativeScrypt derives keys with OpenSSL 3's scrypt ({@code EVP_PBE_scrypt} in the system's
 * libcrypto.so.3), through JNA. Key derivation is the largest piece of work every command does
 * before it touches the repository: BouncyCastle's scrypt in a short-lived JVM (interpreted, then
 * C1-compiled) took ~0.6 s of a ~1.2 s `snapshots`; OpenSSL's takes ~0.1 s. The result is the same
 * scrypt (RFC 7914); KdfParams falls back to BouncyCastle when the library is absent (another libc,
 * a slim image) or when the JDK's crypto is forced.
 */
final class NativeScrypt {
  private static final Logger LOG = LoggerFactory.getLogger(NativeScrypt.class);
  private static final Function SCRYPT = find();

  private NativeScrypt() {}

  static boolean available() {
    return SCRYPT != null;
  }

  /** The keyLength-byte scrypt key, or null when OpenSSL refused the parameters (logged). */
  static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int keyLength) {
    byte[] key = new byte[keyLength];
    // OpenSSL checks its working memory against maxmem (default 32 MiB): allow what N, r and p
    // need (128 * r * (N + 2 + p) bytes), which KdfParams has already bounded.
    long maxMemory = 128L * r * (n + 2L + p) + (1 << 20);
    int ok =
        SCRYPT.invokeInt(
            new Object[] {
              password,
              (long) password.length,
              salt,
              (long) salt.length,
              (long) n,
              (long) r,
              (long) p,
              maxMemory,
              key,
              (long) keyLength
            });
    if (ok != 1) {
      Arrays.fill(key, (byte) 0);
      LOG.debug("OpenSSL's scrypt failed (N={} r={} p={}); using BouncyCastle's", n, r, p);
      return null;
    }
    return key;
  }

  private static Function find() {
    if (!"amd64".equals(System.getProperty("os.arch"))
        && !"x86_64".equals(System.getProperty("os.arch"))
        && !"aarch64".equals(System.getProperty("os.arch"))) {
      return null; // size_t is passed as a Java long: 64-bit platforms only
    }
    try {
      return NativeLibrary.getInstance("libcrypto.so.3").getFunction("EVP_PBE_scrypt");
    } catch (UnsatisfiedLinkError e) {
      LOG.debug("OpenSSL 3's libcrypto not found ({}); scrypt by BouncyCastle", e.getMessage());
      return null;
    }
  }
}

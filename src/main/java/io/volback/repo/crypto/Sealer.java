package io.volback.repo.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sealer encrypts and authenticates with AES-256-GCM. A sealed message is nonce (12 bytes) ||
 * ciphertext || tag (16 bytes); every message gets a fresh random nonce. Thread-safe.
 *
 * <p>With the native provider (CryptoProvider) every message is one plain GCM call each way: it
 * runs at full speed from the first call and decrypts without buffering.
 *
 * <p>With the JDK provider the data is fed in UNIT-sized pieces. JDK 17 only uses its AES-NI/CLMUL
 * intrinsics once C2 has compiled the calling method, which takes ~15,000 calls: one doFinal per 1
 * MiB blob runs at ~55 MiB/s for a whole restore, 2 KiB pieces reach full speed within the first
 * ~100 MiB. JDK GCM decryption cannot be fed in pieces (it buffers until doFinal), so open()
 * decrypts with AES-CTR from the GCM counter J0+1 and verifies the tag by recomputing it:
 * encrypting the recovered plaintext under the same key and nonce yields the same ciphertext and
 * thus the tag the message must carry. Nothing is returned before the tag has matched.
 */
public final class Sealer {
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = 16;
  public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;
  private static final int UNIT = 2048;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final CryptoProvider provider;
  private final boolean oneShot;
  private final ThreadLocal<Cipher> gcm;
  private final ThreadLocal<Cipher> ctr;
  private final ThreadLocal<byte[]> scratch =
      ThreadLocal.withInitial(() -> new byte[UNIT + 2 * TAG_BYTES]);

  public Sealer(byte[] key) {
    this(key, CryptoProvider.get());
  }

  /** A sealer on the given provider rather than the process's choice (tests, measurements). */
  public Sealer(byte[] key, CryptoProvider provider) {
    this.key = new SecretKeySpec(key, "AES");
    this.provider = provider;
    this.oneShot = provider.isNative();
    this.gcm = ThreadLocal.withInitial(() -> provider.cipher("AES/GCM/NoPadding"));
    this.ctr = ThreadLocal.withInitial(() -> provider.cipher("AES/CTR/NoPadding"));
  }

  public static Sealer forMasterKey(MasterKey masterKey) {
    return new Sealer(masterKey.encryptionKey());
  }

  public static Sealer forMasterKey(MasterKey masterKey, CryptoProvider provider) {
    return new Sealer(masterKey.encryptionKey(), provider);
  }

  public byte[] seal(byte[] plaintext) {
    return seal(plaintext, 0, plaintext.length);
  }

  public byte[] seal(byte[] plaintext, int off, int len) {
    return seal(null, plaintext, off, len);
  }

  /** Seals the byte prefix followed by plaintext[off, off+len), without joining them first. */
  public byte[] seal(byte prefix, byte[] plaintext, int off, int len) {
    byte[] out = new byte[OVERHEAD + 1 + len];
    sealInto(new byte[] {prefix}, plaintext, off, len, out, 0);
    return out;
  }

  private byte[] seal(byte[] prefix, byte[] plaintext, int off, int len) {
    byte[] out = new byte[OVERHEAD + (prefix == null ? 0 : prefix.length) + len];
    sealInto(prefix, plaintext, off, len, out, 0);
    return out;
  }

  /**
   * Seals the byte prefix followed by plaintext[off, off+len) into out at outOff and returns the
   * sealed length, OVERHEAD + 1 + len.
   */
  public int sealInto(byte prefix, byte[] plaintext, int off, int len, byte[] out, int outOff) {
    return sealInto(new byte[] {prefix}, plaintext, off, len, out, outOff);
  }

  private int sealInto(byte[] prefix, byte[] plaintext, int off, int len, byte[] out, int outOff) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, outOff, NONCE_BYTES);
    try {
      Cipher cipher = initGcm(out, outOff);
      int o = outOff + NONCE_BYTES;
      if (prefix != null) {
        o += cipher.update(prefix, 0, prefix.length, out, o);
      }
      if (oneShot) {
        o += cipher.doFinal(plaintext, off, len, out, o);
        return o - outOff;
      }
      for (int i = 0; i < len; i += UNIT) {
        o += cipher.update(plaintext, off + i, Math.min(UNIT, len - i), out, o);
      }
      o += cipher.doFinal(out, o);
      return o - outOff;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  public byte[] open(byte[] sealed) throws AuthenticationFailedException {
    return open(sealed, 0, sealed.length);
  }

  /** Decrypts and verifies; throws AuthenticationFailedException when the data was modified. */
  public byte[] open(byte[] sealed, int off, int len) throws AuthenticationFailedException {
    byte[] plaintext = new byte[Math.max(0, len - OVERHEAD)];
    openInto(sealed, off, len, plaintext);
    return plaintext;
  }

  /**
   * Decrypts and verifies sealed[off, off+len) into out from index 0 and returns the plaintext
   * length, len - OVERHEAD. out must hold that many bytes; after a failure its content is garbage.
   */
  public int openInto(byte[] sealed, int off, int len, byte[] out)
      throws AuthenticationFailedException {
    if (len < OVERHEAD) {
      throw new AuthenticationFailedException("ciphertext too short: " + len + " bytes");
    }
    int textLen = len - OVERHEAD;
    if (oneShot) {
      return openGcm(sealed, off, len, out);
    }
    try {
      Cipher counter = ctr.get();
      byte[] iv = new byte[16];
      System.arraycopy(sealed, off, iv, 0, NONCE_BYTES);
      iv[15] = 2;
      counter.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
      int o = 0;
      for (int i = 0; i < textLen; i += UNIT) {
        o += counter.update(sealed, off + NONCE_BYTES + i, Math.min(UNIT, textLen - i), out, o);
      }
      if (!MessageDigest.isEqual(
          tagOf(out, textLen, sealed, off),
          java.util.Arrays.copyOfRange(sealed, off + len - TAG_BYTES, off + len))) {
        throw new AuthenticationFailedException("authentication tag mismatch");
      }
      return textLen;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES decryption failed", e);
    }
  }

  private int openGcm(byte[] sealed, int off, int len, byte[] out)
      throws AuthenticationFailedException {
    Cipher cipher = gcm.get();
    try {
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, off, NONCE_BYTES));
      return cipher.doFinal(sealed, off + NONCE_BYTES, len - NONCE_BYTES, out, 0);
    } catch (AEADBadTagException e) {
      throw new AuthenticationFailedException("authentication tag mismatch");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  /** The GCM tag of plaintext[0, length) under the nonce at sealed[off]. */
  private byte[] tagOf(byte[] plaintext, int length, byte[] sealed, int off)
      throws GeneralSecurityException {
    Cipher cipher = initGcm(sealed, off);
    byte[] out = scratch.get();
    for (int i = 0; i < length; i += UNIT) {
      cipher.update(plaintext, i, Math.min(UNIT, length - i), out, 0);
    }
    int n = cipher.doFinal(out, 0);
    return java.util.Arrays.copyOfRange(out, n - TAG_BYTES, n);
  }

  private Cipher initGcm(byte[] nonceSource, int off) throws GeneralSecurityException {
    GCMParameterSpec spec = new GCMParameterSpec(TAG_BYTES * 8, nonceSource, off, NONCE_BYTES);
    Cipher cipher = gcm.get();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, spec);
    } catch (InvalidAlgorithmParameterException sameNonceAsLastTime) {
      // The JDK refuses to encrypt twice in a row with one key and nonce (verifying one message
      // twice does that); a fresh Cipher has no memory of the last nonce.
      cipher = provider.cipher("AES/GCM/NoPadding");
      gcm.set(cipher);
      cipher.init(Cipher.ENCRYPT_MODE, key, spec);
    }
    return cipher;
  }
}

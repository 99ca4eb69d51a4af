package io.volback.repo.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sealer encrypts and authenticates with AES-256-GCM. A sealed message is nonce (12 bytes) ||
 * ciphertext || tag (16 bytes); every message gets a fresh random nonce. Thread-safe.
 */
public final class Sealer {
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = 16;
  public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(Sealer::newCipher);

  public Sealer(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  public static Sealer forMasterKey(MasterKey masterKey) {
    return new Sealer(masterKey.encryptionKey());
  }

  public byte[] seal(byte[] plaintext) {
    return seal(plaintext, 0, plaintext.length);
  }

  public byte[] seal(byte[] plaintext, int off, int len) {
    byte[] out = new byte[NONCE_BYTES + len + TAG_BYTES];
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
    try {
      Cipher cipher = ciphers.get();
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.doFinal(plaintext, off, len, out, NONCE_BYTES);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  public byte[] open(byte[] sealed) throws AuthenticationFailedException {
    return open(sealed, 0, sealed.length);
  }

  /** Decrypts and verifies; throws AuthenticationFailedException when the data was modified. */
  public byte[] open(byte[] sealed, int off, int len) throws AuthenticationFailedException {
    if (len < OVERHEAD) {
      throw new AuthenticationFailedException("ciphertext too short: " + len + " bytes");
    }
    try {
      Cipher cipher = ciphers.get();
      cipher.init(Cipher.DECRYPT_MODE, key,
          new GCMParameterSpec(TAG_BYTES * 8, sealed, off, NONCE_BYTES));
      return cipher.doFinal(sealed, off + NONCE_BYTES, len - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new AuthenticationFailedException("authentication tag mismatch");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.volback.repo.crypto;

import java.security.SecureRandom;

/**
 * MasterKey holds the repository's two secrets: the AES-256 key that encrypts every object and the
 * HMAC-SHA256 key that derives blob ids. It never leaves the process unwrapped.
 */
public final class MasterKey {
  private final byte[] encryptionKey;
  private final byte[] macKey;

  public MasterKey(byte[] encryptionKey, byte[] macKey) {
    if (encryptionKey.length != 32 || macKey.length != 32) {
      throw new IllegalArgumentException("master key parts must be 32 bytes");
    }
    this.encryptionKey = encryptionKey.clone();
    this.macKey = macKey.clone();
  }

  public static MasterKey random() {
    SecureRandom random = new SecureRandom();
    byte[] enc = new byte[32];
    byte[] mac = new byte[32];
    random.nextBytes(enc);
    random.nextBytes(mac);
    return new MasterKey(enc, mac);
  }

  byte[] encryptionKey() {
    return encryptionKey.clone();
  }

  byte[] macKey() {
    return macKey.clone();
  }

  /** The two parts concatenated, for wrapping in a key file. */
  byte[] toBytes() {
    byte[] out = new byte[64];
    System.arraycopy(encryptionKey, 0, out, 0, 32);
    System.arraycopy(macKey, 0, out, 32, 32);
    return out;
  }

  static MasterKey fromBytes(byte[] bytes) {
    if (bytes.length != 64) {
      throw new IllegalArgumentException("master key must be 64 bytes");
    }
    byte[] enc = new byte[32];
    byte[] mac = new byte[32];
    System.arraycopy(bytes, 0, enc, 0, 32);
    System.arraycopy(bytes, 32, mac, 0, 32);
    return new MasterKey(enc, mac);
  }

  @Override
  public String toString() {
    return "MasterKey[redacted]";
  }
}

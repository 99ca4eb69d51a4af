package io.volback.repo.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * BlobHasher computes blob ids: HMAC-SHA256 of the plaintext under the repository's MAC key, so
 * equal data gets equal ids while the ids reveal nothing to whoever holds the storage. Thread-safe.
 */
public final class BlobHasher {
  private final SecretKeySpec key;
  private final CryptoProvider provider;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  public BlobHasher(MasterKey masterKey) {
    this(masterKey, CryptoProvider.get());
  }

  /** A hasher on the given provider rather than the process's choice (tests, measurements). */
  public BlobHasher(MasterKey masterKey, CryptoProvider provider) {
    this.key = new SecretKeySpec(masterKey.macKey(), "HmacSHA256");
    this.provider = provider;
  }

  public byte[] hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  public byte[] hash(byte[] data, int off, int len) {
    Mac mac = macs.get();
    mac.update(data, off, len);
    return mac.doFinal();
  }

  private Mac newMac() {
    try {
      Mac mac = provider.mac("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.volback.repo.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * KeyFile is the content of a keys/ object: the master key sealed with a key derived from a
 * password by scrypt. Several key files may wrap the same master key. Stored as plaintext JSON.
 */
public record KeyFile(
    int version,
    Instant created,
    String hostname,
    String username,
    String kdf,
    int n,
    int r,
    int p,
    String salt,
    String data) {

  private static final String SCRYPT = "scrypt";
  private static final int MIN_SALT = 16;
  private static final int MAX_SALT = 64;

  /** A sealed 64-byte master key: nonce, ciphertext, tag. */
  private static final int SEALED_KEY_LENGTH = 12 + 64 + 16;

  /** Wraps masterKey with password under fresh salt. */
  public static KeyFile wrap(
      MasterKey masterKey, char[] password, KdfParams params, String hostname, String username) {
    byte[] salt = new byte[32];
    new SecureRandom().nextBytes(salt);
    byte[] kek = params.derive(toBytes(password), salt);
    byte[] sealed = new Sealer(kek).seal(masterKey.toBytes());
    Base64.Encoder b64 = Base64.getEncoder();
    return new KeyFile(
        1,
        Instant.now(),
        hostname,
        username,
        SCRYPT,
        params.n(),
        params.r(),
        params.p(),
        b64.encodeToString(salt),
        b64.encodeToString(sealed));
  }

  /**
   * Checks that this key file can be tried at all: a known KDF with parameters in bounds, a salt
   * and a sealed key of sane lengths. IllegalArgumentException says what is wrong.
   */
  public void check() {
    if (!SCRYPT.equals(kdf)) {
      throw new IllegalArgumentException("unsupported key derivation function: " + kdf);
    }
    new KdfParams(n, r, p);
    int saltLength = decode(salt, "salt").length;
    if (saltLength < MIN_SALT || saltLength > MAX_SALT) {
      throw new IllegalArgumentException(
          "salt of " + saltLength + " bytes (expected " + MIN_SALT + " to " + MAX_SALT + ")");
    }
    int dataLength = decode(data, "data").length;
    if (dataLength != SEALED_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "sealed key of " + dataLength + " bytes (expected " + SEALED_KEY_LENGTH + ")");
    }
  }

  /**
   * Unwraps the master key; AuthenticationFailedException when the password does not fit,
   * IllegalArgumentException when the key file fails check().
   */
  public MasterKey unwrap(char[] password) throws AuthenticationFailedException {
    check();
    byte[] kek = new KdfParams(n, r, p).derive(toBytes(password), decode(salt, "salt"));
    return MasterKey.fromBytes(new Sealer(kek).open(decode(data, "data")));
  }

  private static byte[] decode(String base64, String field) {
    if (base64 == null) {
      throw new IllegalArgumentException("no " + field);
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not base64");
    }
  }

  private static byte[] toBytes(char[] password) {
    return new String(password).getBytes(StandardCharsets.UTF_8);
  }
}

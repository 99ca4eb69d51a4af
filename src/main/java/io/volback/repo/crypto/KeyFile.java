package io.volback.repo.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * KeyFile is the content of a keys/ object: the master key sealed with a key derived from a password
 * by scrypt. Several key files may wrap the same master key. Stored as plaintext JSON.
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

  /** Wraps masterKey with password under fresh salt. */
  public static KeyFile wrap(MasterKey masterKey, char[] password, KdfParams params,
      String hostname, String username) {
    byte[] salt = new byte[32];
    new SecureRandom().nextBytes(salt);
    byte[] kek = params.derive(toBytes(password), salt);
    byte[] sealed = new Sealer(kek).seal(masterKey.toBytes());
    Base64.Encoder b64 = Base64.getEncoder();
    return new KeyFile(1, Instant.now(), hostname, username, SCRYPT, params.n(), params.r(),
        params.p(), b64.encodeToString(salt), b64.encodeToString(sealed));
  }

  /** Unwraps the master key; AuthenticationFailedException when the password does not fit. */
  public MasterKey unwrap(char[] password) throws AuthenticationFailedException {
    if (!SCRYPT.equals(kdf)) {
      throw new IllegalStateException("unsupported key derivation function: " + kdf);
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] kek = new KdfParams(n, r, p).derive(toBytes(password), b64.decode(salt));
    return MasterKey.fromBytes(new Sealer(kek).open(b64.decode(data)));
  }

  private static byte[] toBytes(char[] password) {
    return new String(password).getBytes(StandardCharsets.UTF_8);
  }
}

package io.volback.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * BearerToken checks an Authorization header against the configured token in constant time: both
 * are hashed first, so neither the content nor the length of the token leaks through timing.
 */
final class BearerToken {
  private static final String SCHEME = "Bearer ";
  private final byte[] expectedDigest;

  BearerToken(String token) {
    this.expectedDigest = sha256(token);
  }

  /** True when header is "Bearer TOKEN" with the configured token. */
  boolean accepts(String header) {
    if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    byte[] given = sha256(header.substring(SCHEME.length()).trim());
    return MessageDigest.isEqual(expectedDigest, given);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "BearerToken[***]";
  }
}

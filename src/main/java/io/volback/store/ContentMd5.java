package io.volback.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * ContentMd5 computes the Content-MD5 header of an upload: the server recomputes it over the body
 * it received and refuses the upload (400 BadDigest) when they differ, so a body damaged on the way
 * never becomes an object.
 */
final class ContentMd5 {
  private ContentMd5() {}

  /** The base64 MD5 of data[offset, offset + length). */
  static String of(byte[] data, int offset, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(data, offset, length);
      return Base64.getEncoder().encodeToString(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no MD5", e);
    }
  }
}

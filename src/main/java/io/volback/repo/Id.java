package io.volback.repo;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.volback.repo.crypto.CryptoProvider;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Id is a 256-bit identifier: a blob id (keyed hash) or an object id (SHA-256 of its bytes). */
public record Id(long a, long b, long c, long d) implements Comparable<Id> {
  private static final HexFormat HEX = HexFormat.of();

  public static Id of(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("an id has 32 bytes, not " + bytes.length);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    return new Id(buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong());
  }

  /** Parses 64 hex digits; IllegalArgumentException otherwise. In JSON an id is its hex. */
  @JsonCreator
  public static Id parse(String hex) {
    if (hex == null || hex.length() != 64) {
      throw new IllegalArgumentException("not an id (64 hex digits): " + hex);
    }
    return of(HEX.parseHex(hex));
  }

  /** The SHA-256 of data: the id of a stored object. */
  public static Id sha256(byte[] data) {
    return sha256(data, 0, data.length);
  }

  /** The SHA-256 of data[off, off+len). */
  public static Id sha256(byte[] data, int off, int len) {
    MessageDigest sha = CryptoProvider.get().digest("SHA-256");
    sha.update(data, off, len);
    return of(sha.digest());
  }

  public byte[] bytes() {
    return ByteBuffer.allocate(32).putLong(a).putLong(b).putLong(c).putLong(d).array();
  }

  @JsonValue
  public String hex() {
    return HEX.formatHex(bytes());
  }

  /** The first 8 hex digits, as shown to users. */
  public String shortHex() {
    return hex().substring(0, 8);
  }

  @Override
  public int compareTo(Id o) {
    int r = Long.compareUnsigned(a, o.a);
    if (r == 0) r = Long.compareUnsigned(b, o.b);
    if (r == 0) r = Long.compareUnsigned(c, o.c);
    if (r == 0) r = Long.compareUnsigned(d, o.d);
    return r;
  }

  @Override
  public String toString() {
    return hex();
  }
}

package io.volback.entry;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * PaxHeader builds the records of a PAX extended header ("len key=value\n") as raw bytes.
 *
 * <p>Written by hand rather than by commons-compress because its writer keeps only 7 decimal digits
 * of mtime and can only write values that are valid UTF-8, while xattr values are bytes.
 */
final class PaxHeader {
  private final ByteArrayOutputStream records = new ByteArrayOutputStream();

  boolean isEmpty() {
    return records.size() == 0;
  }

  byte[] bytes() {
    return records.toByteArray();
  }

  PaxHeader add(String key, String value) {
    return add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  PaxHeader add(String key, byte[] value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int body = 1 + k.length + 1 + value.length + 1; // " key=value\n"
    int len = body + Integer.toString(body).length();
    if (Integer.toString(len).length() != Integer.toString(body).length()) {
      len = body + Integer.toString(len).length();
    }
    records.writeBytes((len + " ").getBytes(StandardCharsets.US_ASCII));
    records.writeBytes(k);
    records.write('=');
    records.writeBytes(value);
    records.write('\n');
    return this;
  }

  /** mtime as seconds with up to nine decimals. */
  PaxHeader addTime(String key, Instant t) {
    long seconds = t.getEpochSecond();
    int nanos = t.getNano();
    String value;
    if (nanos == 0) {
      value = Long.toString(seconds);
    } else if (seconds >= 0) {
      value = seconds + "." + String.format("%09d", nanos).replaceAll("0+$", "");
    } else {
      // -1.25 means 1.25 s before the epoch: epochSecond -2 plus 0.75 s.
      value =
          "-"
              + (-(seconds + 1))
              + "."
              + String.format("%09d", 1_000_000_000 - nanos).replaceAll("0+$", "");
    }
    return add(key, value);
  }

  /**
   * Adds xattrs as SCHILY.xattr.NAME=raw bytes (what GNU tar and Docker read), plus
   * LIBARCHIVE.xattr.NAME=base64 when the value is not valid UTF-8, so that readers which decode
   * values as text (commons-compress) can still restore it exactly.
   */
  PaxHeader addXattrs(Map<String, String> xattrs) {
    for (Map.Entry<String, String> x : xattrs.entrySet()) {
      byte[] value = Base64.getDecoder().decode(x.getValue());
      add("SCHILY.xattr." + x.getKey(), value);
      if (!isUtf8(value)) {
        add(
            "LIBARCHIVE.xattr."
                + URLEncoder.encode(x.getKey(), StandardCharsets.UTF_8).replace("+", "%20"),
            Base64.getEncoder().encodeToString(value));
      }
    }
    return this;
  }

  private static boolean isUtf8(byte[] value) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}

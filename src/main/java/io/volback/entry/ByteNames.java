package io.volback.entry;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * ByteNames maps file names, which are bytes on Linux, to Java strings and back without loss,
 * whatever the JVM's file encoding: valid UTF-8 decodes as usual, and every byte that is not part
 * of valid UTF-8 becomes the lone surrogate U+DC80..U+DCFF (Python's "surrogateescape", PEP 383).
 * Valid UTF-8 never decodes to a lone surrogate, so encode(decode(b)) == b for every byte sequence.
 */
public final class ByteNames {
  private static final int ESCAPE_BASE = 0xDC00;

  private ByteNames() {}

  /** The string for name bytes b[off, off+len). */
  public static String decode(byte[] b, int off, int len) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b, off, len);
    CharBuffer out = CharBuffer.allocate(len);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isUnderflow()) {
        decoder.flush(out);
        break;
      }
      if (r.isOverflow()) {
        throw new IllegalStateException("UTF-8 decoding overflowed its buffer");
      }
      for (int i = 0; i < r.length(); i++) {
        out.put((char) (ESCAPE_BASE | (in.get() & 0xFF)));
      }
    }
    out.flip();
    return out.toString();
  }

  public static String decode(byte[] b) {
    return decode(b, 0, b.length);
  }

  /** The name bytes of s: the inverse of decode. */
  public static byte[] encode(String s) {
    if (isAscii(s)) {
      return s.getBytes(StandardCharsets.US_ASCII);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (isEscape(s, i)) {
        out.writeBytes(s.substring(start, i).getBytes(StandardCharsets.UTF_8));
        out.write(s.charAt(i) & 0xFF);
        start = i + 1;
      }
    }
    out.writeBytes(s.substring(start).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Whether s holds bytes that are not valid UTF-8 (escaped as lone surrogates). */
  public static boolean hasEscapes(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isEscape(s, i)) {
        return true;
      }
    }
    return false;
  }

  /** s for a terminal or an error message: escaped bytes shown as \xNN. */
  public static String printable(String s) {
    if (!hasEscapes(s)) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      if (isEscape(s, i)) {
        b.append(String.format("\\x%02x", s.charAt(i) & 0xFF));
      } else {
        b.append(s.charAt(i));
      }
    }
    return b.toString();
  }

  private static boolean isEscape(String s, int i) {
    char c = s.charAt(i);
    return c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}

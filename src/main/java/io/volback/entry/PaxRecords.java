package io.volback.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PaxRecords parses the records of a PAX extended header ("len key=value\n") byte-exact: the key is
 * UTF-8, the value stays raw bytes (xattr values are binary, as Go's archive/tar and GNU tar write
 * them).
 */
final class PaxRecords {
  /** Far above any real header; a bigger one is a broken or hostile stream. */
  static final int MAX_HEADER_SIZE = 1 << 20;

  private PaxRecords() {}

  /** Keys to raw values, in record order; a later record for the same key wins. */
  static Map<String, byte[]> parse(byte[] data, int length, String member) throws IOException {
    Map<String, byte[]> records = new LinkedHashMap<>();
    int pos = 0;
    while (pos < length && data[pos] != 0) { // NUL padding ends the records, as in GNU tar
      int start = pos;
      long len = 0;
      while (pos < length && data[pos] >= '0' && data[pos] <= '9' && len <= length) {
        len = len * 10 + (data[pos++] - '0');
      }
      if (pos == start || pos >= length || data[pos] != ' ') {
        throw malformed(member, start, "no decimal length followed by a space");
      }
      if (len <= pos - start + 1 || start + len > length) {
        throw malformed(member, start, "record length " + len + " does not fit");
      }
      int end = (int) (start + len) - 1; // index of the record's newline
      if (data[end] != '\n') {
        throw malformed(member, start, "record does not end with a newline");
      }
      int keyStart = pos + 1;
      int equals = keyStart;
      while (equals < end && data[equals] != '=') {
        equals++;
      }
      if (equals == end || equals == keyStart) {
        throw malformed(member, start, "no key=value");
      }
      String key = new String(data, keyStart, equals - keyStart, StandardCharsets.UTF_8);
      records.put(key, Arrays.copyOfRange(data, equals + 1, end));
      pos = end + 1;
    }
    return records;
  }

  private static IOException malformed(String member, int offset, String why) {
    return new IOException(
        member + ": malformed PAX extended header at byte " + offset + ": " + why);
  }
}

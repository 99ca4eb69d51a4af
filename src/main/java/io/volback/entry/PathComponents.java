package io.volback.entry;

import java.util.Arrays;
import java.util.Comparator;

/**
 * PathComponents orders entry paths as a sorted depth-first walk emits them: component by component
 * ("/a/z" before "/a b"), so every directory comes right before what is below it, and names in
 * unsigned byte order (the bytes ByteNames gives them), as Docker's archive (Go's WalkDir) and
 * DirectorySource sort them. For ASCII names that is String order; beyond it UTF-16 order differs
 * from UTF-8 byte order, and escaped bytes sort where their byte belongs.
 */
public final class PathComponents {
  public static final Comparator<String> ORDER = PathComponents::compare;

  private PathComponents() {}

  private static int compare(String x, String y) {
    int i = 1;
    int j = 1;
    while (i <= x.length() && j <= y.length()) {
      int xe = x.indexOf('/', i);
      int ye = y.indexOf('/', j);
      if (xe < 0) xe = x.length();
      if (ye < 0) ye = y.length();
      int c = compareNames(x.substring(i, xe), y.substring(j, ye));
      if (c != 0) {
        return c;
      }
      i = xe + 1;
      j = ye + 1;
    }
    return Integer.compare(x.length() - i, y.length() - j);
  }

  /** Compares two names as their bytes, unsigned. */
  public static int compareNames(String x, String y) {
    if (isAscii(x) && isAscii(y)) {
      return x.compareTo(y);
    }
    return Arrays.compareUnsigned(ByteNames.encode(x), ByteNames.encode(y));
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

package io.volback.repo.tree;

import io.volback.entry.ByteNames;
import java.util.Arrays;
import java.util.Comparator;

/**
 * PathOrder compares tree paths in depth-first pre-order with names sorted as bytes (unsigned), the
 * order in which a sorted directory walk and Docker's archive emit them. Components are compared one
 * by one, so "/a/z" sorts before "/a b" (plain String order would put it after). Names are compared
 * as the bytes ByteNames gives them: for ASCII that is String order; beyond it, UTF-16 order differs
 * from UTF-8 byte order (and escaped bytes sort where their byte belongs).
 */
public final class PathOrder implements Comparator<String> {
  public static final PathOrder INSTANCE = new PathOrder();

  @Override
  public int compare(String x, String y) {
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

package io.volback.entry;

import java.util.Comparator;

/**
 * PathComponents orders entry paths depth-first, component by component ("/a/z" before "/a b"),
 * so that every directory comes right before what is below it.
 */
final class PathComponents {
  static final Comparator<String> ORDER = PathComponents::compare;

  private PathComponents() {}

  private static int compare(String x, String y) {
    int i = 1;
    int j = 1;
    while (i <= x.length() && j <= y.length()) {
      int xe = x.indexOf('/', i);
      int ye = y.indexOf('/', j);
      if (xe < 0) xe = x.length();
      if (ye < 0) ye = y.length();
      int c = x.substring(i, xe).compareTo(y.substring(j, ye));
      if (c != 0) {
        return c;
      }
      i = xe + 1;
      j = ye + 1;
    }
    return Integer.compare(x.length() - i, y.length() - j);
  }
}

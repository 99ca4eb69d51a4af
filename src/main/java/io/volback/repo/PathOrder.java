package io.volback.repo;

import java.util.Comparator;

/**
 * PathOrder compares tree paths in depth-first pre-order with names sorted as Strings, the order in
 * which a sorted directory walk emits them. Components are compared one by one, so "/a/z" sorts
 * before "/a b" (plain String order would put it after).
 */
final class PathOrder implements Comparator<String> {
  static final PathOrder INSTANCE = new PathOrder();

  @Override
  public int compare(String x, String y) {
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

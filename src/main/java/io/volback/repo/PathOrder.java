package io.volback.repo;

import io.volback.entry.PathComponents;
import java.util.Comparator;

/**
 * PathOrder is the order of paths in a tree: depth-first, names in unsigned byte order (see
 * PathComponents, which the directory walk and sink share).
 */
final class PathOrder implements Comparator<String> {
  static final PathOrder INSTANCE = new PathOrder();

  @Override
  public int compare(String x, String y) {
    return PathComponents.ORDER.compare(x, y);
  }
}

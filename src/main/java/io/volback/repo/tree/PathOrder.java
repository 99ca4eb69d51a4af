package io.volback.repo.tree;

import io.volback.entry.PathComponents;
import java.util.Comparator;

/**
 * PathOrder is the order of paths in a tree: depth-first, names in unsigned byte order (see
 * PathComponents, which the directory walk and sink share).
 */
public final class PathOrder implements Comparator<String> {
  public static final PathOrder INSTANCE = new PathOrder();

  @Override
  public int compare(String x, String y) {
    return PathComponents.ORDER.compare(x, y);
  }
}

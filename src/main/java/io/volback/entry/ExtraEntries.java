package io.volback.entry;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * ExtraEntries removes, for restore --delete, what a target directory holds that the restored tree
 * does not: the sink tells it every name it writes, in stream order (depth first), and once the
 * stream has left a directory that directory is listed by descriptor and every name not written is
 * unlinked; a directory is removed with what is below it, by descriptors opened without following
 * symlinks, so a symlink in the target is removed as a link and never followed. Only directories
 * that swept accepts are cleaned (with includes: the included subtrees, not their ancestors).
 */
final class ExtraEntries {
  private record Frame(String path, List<String> components, Set<String> written) {}

  private final Predicate<String> swept;
  private final Deque<Frame> stack = new ArrayDeque<>();
  private long removed;

  ExtraEntries(Predicate<String> swept) {
    this.swept = swept;
  }

  /** How many entries (counting everything below a removed directory) were removed. */
  long removed() {
    return removed;
  }

  /** Records that path was written; cleans the directories the stream has left. */
  void written(String path, boolean directory, DirectoryOpener opener) throws IOException {
    List<String> components = SafePaths.components(path);
    if (components.isEmpty()) {
      if (stack.isEmpty()) {
        stack.push(new Frame("/", List.of(), new HashSet<>()));
      }
      return;
    }
    List<String> parent = components.subList(0, components.size() - 1);
    Frame top = frameFor(parent, opener);
    top.written().add(components.get(components.size() - 1));
    if (directory) {
      stack.push(new Frame(path, List.copyOf(components), new HashSet<>()));
    }
  }

  /** Cleans every directory still open; called after the last entry. */
  void finish(DirectoryOpener opener) throws IOException {
    while (!stack.isEmpty()) {
      clean(stack.pop(), opener);
    }
  }

  private Frame frameFor(List<String> parent, DirectoryOpener opener) throws IOException {
    while (!stack.isEmpty() && !isPrefix(stack.peek().components(), parent)) {
      clean(stack.pop(), opener);
    }
    // A directory the stream never named (not the case in tree order) gets a frame all the same.
    int depth = stack.isEmpty() ? -1 : stack.peek().components().size();
    if (depth < 0) {
      stack.push(new Frame("/", List.of(), new HashSet<>()));
      depth = 0;
    }
    for (int i = depth; i < parent.size(); i++) {
      List<String> sub = List.copyOf(parent.subList(0, i + 1));
      stack.peek().written().add(sub.get(i));
      stack.push(new Frame("/" + String.join("/", sub), sub, new HashSet<>()));
    }
    return stack.peek();
  }

  private void clean(Frame frame, DirectoryOpener opener) throws IOException {
    if (!swept.test(frame.path())) {
      return;
    }
    try (Fd dir = opener.open(frame.components(), frame.path())) {
      for (byte[] name : names(dir)) {
        if (!frame.written().contains(ByteNames.decode(name))) {
          remove(dir, name, child(frame.path(), ByteNames.decode(name)));
        }
      }
    }
  }

  /** Removes name from dir, a directory with everything below it, never following a symlink. */
  void remove(Fd dir, byte[] name, String path) throws IOException {
    UnixAttributes a = Posix.statAtIfExists(dir.fd, name, path);
    if (a == null) {
      return;
    }
    if (a.isDirectory()) {
      try (Fd sub = Fd.openDirectoryAt(dir.fd, name, path)) {
        for (byte[] child : names(sub)) {
          remove(sub, child, child(path, ByteNames.decode(child)));
        }
      }
    }
    Posix.unlinkAt(dir.fd, name, a.isDirectory(), path);
    removed++;
  }

  private static List<byte[]> names(Fd dir) throws FileSystemException {
    List<byte[]> names = new ArrayList<>();
    Posix.list(dir.fd, dir.path, names::add);
    return names;
  }

  private static String child(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  private static boolean isPrefix(List<String> prefix, List<String> components) {
    return prefix.size() <= components.size()
        && components.subList(0, prefix.size()).equals(prefix);
  }

  /** Opens a directory of the target by its components, from the root, following no symlink. */
  @FunctionalInterface
  interface DirectoryOpener {
    Fd open(List<String> components, String path) throws IOException;
  }
}

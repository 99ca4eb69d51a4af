package io.volback.entry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * DirectorySource streams a local directory tree depth-first with names in sorted order, so the
 * same tree always gives the same entry sequence. Symlinks are never followed.
 *
 * <p>The walk never resolves a path string below the root: each directory is opened relative to its
 * parent's open descriptor without following a symlink, each file likewise (O_PATH, so that nothing
 * is opened before its type is known), and the opened object must be the one that was listed (same
 * device and inode), else the entry is skipped as replaced. Swapping a directory for a symlink
 * while the tree is read therefore can never pull a file from outside the tree into the snapshot.
 * Names are the bytes the directory holds, as ByteNames strings, whatever the locale.
 *
 * <p>The tree may change while it is read (a live volume): entries that vanish, are replaced or
 * become unreadable are skipped and reported to the SkipLog, as are sockets. A file whose content
 * can no longer be opened when the visitor asks for it is skipped too, provided the visitor lets
 * the opener's exception propagate.
 */
public final class DirectorySource implements EntrySource {
  // Names sort as bytes, as Docker's archive (Go's WalkDir) and PathComponents.ORDER sort them.
  private static final Comparator<Name> NAME_ORDER =
      (x, y) -> java.util.Arrays.compareUnsigned(x.bytes(), y.bytes());

  private final Path root;
  private final SkipLog skips;
  private final Consumer<String> warnings;
  private OpenHook beforeOpen = path -> {};

  /** A source that reports entries it leaves out to skips. */
  public DirectorySource(Path root, SkipLog skips) {
    this.root = root.toAbsolutePath().normalize();
    this.skips = skips;
    this.warnings = skips::warn;
  }

  /** A source whose skipped entries are only warned about. */
  public DirectorySource(Path root, Consumer<String> warnings) {
    this(root, new SkipLog(warnings));
  }

  /** OpenHook runs between listing an entry and opening it; tests use it to swap entries. */
  @FunctionalInterface
  interface OpenHook {
    void beforeOpen(String path) throws IOException;
  }

  /** Sets a hook that runs after each entry is listed and stat'ed, before it is opened. */
  DirectorySource beforeOpen(OpenHook hook) {
    this.beforeOpen = hook;
    return this;
  }

  @Override
  public void forEach(EntryVisitor visitor) throws IOException {
    Fd rootFd;
    try {
      rootFd =
          Fd.openDirectoryAt(Posix.AT_FDCWD, ByteNames.encode(root.toString()), root.toString());
    } catch (FileSystemException e) {
      if (e instanceof NotDirectoryException || Posix.isErrno(e, Posix.ELOOP)) {
        throw new NotDirectoryException(root.toString());
      }
      throw e;
    }
    try (rootFd) {
      FileEntry entry =
          base("/", EntryType.DIRECTORY, rootFd.stat()).xattrs(Xattrs.read(rootFd.fd, "/")).build();
      new Walk(visitor).run(entry, rootFd, list(rootFd));
    }
  }

  /** A directory entry's name: its bytes, and the string that stands for them in paths. */
  private record Name(String text, byte[] bytes) {}

  private static List<Name> list(Fd dir) throws FileSystemException {
    List<Name> names = new ArrayList<>();
    Posix.list(dir.fd, dir.path, b -> names.add(new Name(ByteNames.decode(b), b)));
    names.sort(NAME_ORDER);
    return names;
  }

  private static FileEntry.Builder base(String path, EntryType type, UnixAttributes a) {
    return FileEntry.builder(path, type)
        .mode(a.permissions())
        .uid(a.uid())
        .gid(a.gid())
        .mtime(a.mtime())
        .fileIdentity(a.inode(), a.device(), a.ctime());
  }

  private record FileId(long device, long inode) {}

  private static final class FirstLink {
    final String path;
    int linksLeft;

    FirstLink(String path, int linksLeft) {
      this.path = path;
      this.linksLeft = linksLeft;
    }
  }

  /** Thrown by a content opener when the file can no longer be opened. */
  private static final class ContentGoneException extends IOException {
    ContentGoneException(String path, IOException cause) {
      super(ByteNames.printable(path) + ": cannot open content: " + cause.getMessage(), cause);
    }
  }

  private final class Walk {
    private final EntryVisitor visitor;
    // Only files with nlink > 1, and each is dropped once all its links have been seen.
    private final Map<FileId, FirstLink> hardLinks = new HashMap<>();
    private ContentGoneException gone;

    Walk(EntryVisitor visitor) {
      this.visitor = visitor;
    }

    /** A directory being walked: open, with the children not visited yet. */
    private record Frame(Fd dir, String prefix, Iterator<Name> children) {}

    /**
     * Visits root and everything below it depth-first. The walk keeps its own stack of open
     * directories, so that a tree thousands of levels deep cannot overflow the thread's stack.
     */
    void run(FileEntry root, Fd rootFd, List<Name> children) throws IOException {
      visitor.visit(root, null);
      Deque<Frame> stack = new ArrayDeque<>();
      stack.push(new Frame(rootFd, "/", children.iterator()));
      try {
        while (!stack.isEmpty()) {
          Frame top = stack.peek();
          if (!top.children().hasNext()) {
            stack.pop();
            if (top.dir() != rootFd) {
              top.dir().close();
            }
            continue;
          }
          Name name = top.children().next();
          Frame below = child(top.prefix() + name.text(), top.dir(), name.bytes());
          if (below != null) {
            stack.push(below);
          }
        }
      } finally {
        for (Frame f : stack) {
          if (f.dir() != rootFd) {
            f.dir().close();
          }
        }
      }
    }

    /** Visits one child of parent; returns the frame to walk next if it is an open directory. */
    private Frame child(String path, Fd parent, byte[] name) throws IOException {
      // Only the reads of the tree itself are guarded here, never the visitor: an exception from
      // the visitor (for example a sink that cannot write) must propagate.
      UnixAttributes listed;
      FileEntry entry = null;
      try {
        listed = Posix.statAt(parent.fd, name, path);
        EntryType type = listed.type();
        if (type == null) {
          skips.skipped(path, listed.isSocket() ? "socket" : "unknown file type");
          return null;
        }
        FirstLink first =
            type == EntryType.FILE && listed.nlink() > 1 ? hardLinks.get(fileId(listed)) : null;
        if (first != null) {
          entry = base(path, EntryType.HARDLINK, listed).linkTarget(first.path).build();
        } else if (type == EntryType.SYMLINK) {
          entry =
              base(path, type, listed)
                  .linkTarget(ByteNames.decode(Posix.readlinkAt(parent.fd, name, path)))
                  .build();
        } else if (type != EntryType.DIRECTORY && type != EntryType.FILE) {
          entry = base(path, type, listed).device(listed.rdevMajor(), listed.rdevMinor()).build();
        }
      } catch (FileSystemException e) {
        vanished(path, e);
        return null;
      }
      if (entry == null) {
        if (listed.type() == EntryType.DIRECTORY) {
          return openedDirectory(path, parent, name, listed);
        }
        openedFile(path, parent, name, listed);
        return null;
      }
      visitor.visit(entry, null);
      if (entry.type() == EntryType.HARDLINK) {
        linkSeen(fileId(listed));
      }
      return null;
    }

    private Frame openedDirectory(String path, Fd parent, byte[] name, UnixAttributes listed)
        throws IOException {
      Fd dir = open(path, parent, name, Posix.O_RDONLY | Posix.O_DIRECTORY);
      if (dir == null) {
        return null;
      }
      boolean walking = false;
      try {
        FileEntry entry;
        List<Name> children;
        try {
          UnixAttributes attrs = dir.stat();
          if (!attrs.sameObject(listed)) {
            replaced(path);
            return null;
          }
          children = list(dir);
          entry = base(path, EntryType.DIRECTORY, attrs).xattrs(Xattrs.read(dir.fd, path)).build();
        } catch (FileSystemException e) {
          vanished(path, e);
          return null;
        }
        visitor.visit(entry, null);
        walking = true;
        return new Frame(dir, path + "/", children.iterator());
      } finally {
        if (!walking) {
          dir.close();
        }
      }
    }

    private void openedFile(String path, Fd parent, byte[] name, UnixAttributes listed)
        throws IOException {
      Fd file = open(path, parent, name, Posix.O_PATH);
      if (file == null) {
        return;
      }
      try (file) {
        FileEntry entry;
        UnixAttributes attrs;
        try {
          attrs = file.stat();
          if (!attrs.isRegularFile() || !attrs.sameObject(listed)) {
            replaced(path);
            return;
          }
          entry =
              base(path, EntryType.FILE, attrs)
                  .size(attrs.size())
                  .xattrs(Xattrs.read(file.fd, path))
                  .build();
        } catch (FileSystemException e) {
          vanished(path, e);
          return;
        }
        file(entry, file, attrs);
      }
    }

    /** name opened in parent without following a symlink, or null if it is skipped. */
    private Fd open(String path, Fd parent, byte[] name, int flags) throws IOException {
      beforeOpen.beforeOpen(path);
      try {
        return Fd.openAt(parent.fd, name, flags, 0, path);
      } catch (FileSystemException e) {
        if (e instanceof NotDirectoryException || Posix.isErrno(e, Posix.ELOOP)) {
          replaced(path);
        } else {
          vanished(path, e);
        }
        return null;
      }
    }

    private void replaced(String path) {
      skips.skipped(
          path, "replaced during the walk (no longer the entry that was listed); " + "not read");
    }

    private void vanished(String path, FileSystemException e) {
      skips.skipped(path, "vanished or unreadable during the walk: " + e.getMessage());
    }

    private FileId fileId(UnixAttributes attrs) {
      return new FileId(attrs.device(), attrs.inode());
    }

    private void linkSeen(FileId id) {
      FirstLink first = hardLinks.get(id);
      if (--first.linksLeft <= 0) {
        hardLinks.remove(id);
      }
    }

    private void file(FileEntry entry, Fd file, UnixAttributes attrs) throws IOException {
      String path = entry.path();
      FileId id = attrs.nlink() > 1 ? fileId(attrs) : null;
      ContentOpener opener =
          () -> {
            InputStream in;
            try {
              in = FileContent.open(file, attrs);
            } catch (FileSystemException e) {
              gone = new ContentGoneException(path, e);
              throw gone;
            }
            return new SizedContent(in, attrs.size(), path, warnings);
          };
      try {
        visitor.visit(entry, opener);
      } catch (IOException e) {
        if (gone != null && causedBy(e, gone)) {
          skips.skipped(
              path, "vanished or unreadable during the walk: " + gone.getCause().getMessage());
          return;
        }
        throw e;
      } finally {
        gone = null;
      }
      if (id != null) {
        hardLinks.put(id, new FirstLink(path, attrs.nlink() - 1));
      }
    }

    private boolean causedBy(Throwable e, Throwable cause) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t == cause) {
          return true;
        }
      }
      return false;
    }
  }
}

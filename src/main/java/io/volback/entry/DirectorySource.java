package io.volback.entry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * DirectorySource streams a local directory tree depth-first with names in sorted order, so the
 * same tree always gives the same entry sequence. Symlinks are never followed.
 *
 * <p>The tree may change while it is read (a live volume): entries that vanish or become
 * unreadable are skipped with a warning, as are sockets. A file whose content can no longer be
 * opened when the visitor asks for it is skipped too, provided the visitor lets the opener's
 * exception propagate.
 */
public final class DirectorySource implements EntrySource {
  private final Path root;
  private final SkipLog skips;
  private final Consumer<String> warnings;

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

  @Override
  public void forEach(EntryVisitor visitor) throws IOException {
    UnixAttributes attrs = UnixAttributes.read(root);
    if (attrs.type() != EntryType.DIRECTORY) {
      throw new NotDirectoryException(root.toString());
    }
    new Walk(visitor).directory("/", root, attrs, list(root));
  }

  private static List<String> list(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        names.add(p.getFileName().toString());
      }
    }
    Collections.sort(names);
    return names;
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
      super(path + ": cannot open content: " + cause.getMessage(), cause);
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

    void directory(String path, Path dir, UnixAttributes attrs, List<String> children)
        throws IOException {
      directory(base(path, EntryType.DIRECTORY, attrs).xattrs(Xattrs.read(dir)).build(), dir,
          children);
    }

    private void directory(FileEntry entry, Path dir, List<String> children) throws IOException {
      visitor.visit(entry, null);
      String prefix = entry.isRoot() ? "/" : entry.path() + "/";
      for (String name : children) {
        child(prefix + name, dir.resolve(name));
      }
    }

    private void child(String path, Path p) throws IOException {
      // Only the reads of the tree itself are guarded here, never the visitor: an exception from
      // the visitor (for example a sink that cannot write) must propagate.
      UnixAttributes attrs;
      FileEntry entry;
      List<String> children = null;
      try {
        attrs = UnixAttributes.read(p);
        EntryType type = attrs.type();
        if (type == null) {
          skips.skipped(path, attrs.isSocket() ? "socket" : "unknown file type");
          return;
        }
        FirstLink first = type == EntryType.FILE && attrs.nlink() > 1
            ? hardLinks.get(fileId(attrs)) : null;
        if (first != null) {
          type = EntryType.HARDLINK;
        }
        FileEntry.Builder b = base(path, type, attrs);
        switch (type) {
          case DIRECTORY -> {
            children = list(p);
            b.xattrs(Xattrs.read(p));
          }
          case FILE -> b.size(attrs.size()).xattrs(Xattrs.read(p));
          case HARDLINK -> b.linkTarget(first.path);
          case SYMLINK -> b.linkTarget(Files.readSymbolicLink(p).toString());
          default -> b.device(attrs.rdevMajor(), attrs.rdevMinor());
        }
        entry = b.build();
      } catch (FileSystemException e) {
        skips.skipped(path, "vanished or unreadable during the walk: " + e.getMessage());
        return;
      }
      switch (entry.type()) {
        case DIRECTORY -> directory(entry, p, children);
        case FILE -> file(entry, p, attrs);
        case HARDLINK -> hardLink(entry, attrs);
        default -> visitor.visit(entry, null);
      }
    }

    private FileId fileId(UnixAttributes attrs) {
      return new FileId(attrs.device(), attrs.inode());
    }

    private void hardLink(FileEntry entry, UnixAttributes attrs) throws IOException {
      visitor.visit(entry, null);
      FileId id = fileId(attrs);
      FirstLink first = hardLinks.get(id);
      if (--first.linksLeft <= 0) {
        hardLinks.remove(id);
      }
    }

    private void file(FileEntry entry, Path p, UnixAttributes attrs) throws IOException {
      String path = entry.path();
      FileId id = attrs.nlink() > 1 ? fileId(attrs) : null;
      ContentOpener opener = () -> {
        InputStream in;
        try {
          in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS);
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
          skips.skipped(path, "vanished or unreadable during the walk: "
              + gone.getCause().getMessage());
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

    private FileEntry.Builder base(String path, EntryType type, UnixAttributes a) {
      return FileEntry.builder(path, type)
          .mode(a.permissions()).uid(a.uid()).gid(a.gid()).mtime(a.mtime())
          .fileIdentity(a.inode(), a.device(), a.ctime());
    }
  }
}

package io.volback.entry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * DirectorySink writes a streamed tree into an existing local directory, with owners, modes,
 * mtimes, user.* xattrs, hard links, special files and holes (all-zero blocks are not written).
 *
 * <p>It never reads or writes outside root, whatever the entries and whatever else changes the tree
 * meanwhile (a container using the volume): entry paths and hard link targets with "." or ".."
 * components are rejected; everything is done relative to directory descriptors opened one
 * component at a time from root's without following symlinks, so a symlink written by an earlier
 * entry or swapped in by someone else is never followed; a file is created (O_EXCL, no-follow) when
 * its entry is prepared, in stream order, and its content and metadata then go through its own
 * descriptor on whatever thread writes it — a directory with a file in flight is never empty, so no
 * later entry can replace it. Directory modes and mtimes are applied in finish(), after the
 * children, by a second descriptor walk from root that refuses anything but real directories.
 */
public final class DirectorySink implements ConcurrentFileSink {
  private static final int PRIVATE_FILE = 0600;
  private static final int PRIVATE_DIR = 0700;

  private record DirMeta(int mode, Instant mtime) {}

  private final Path root;
  private final Consumer<String> warnings;
  private final Map<String, DirMeta> pendingDirs = new HashMap<>();
  private final Set<String> warnedXattrs = ConcurrentHashMap.newKeySet();
  // Files created by prepareFile whose write has not started; close() closes what is left.
  private final Set<Fd> preparedFiles = ConcurrentHashMap.newKeySet();
  private final Chain chain = new Chain();
  private Fd rootFd;
  private volatile boolean chownFailed;
  private ExtraEntries extras;

  public DirectorySink(Path root, Consumer<String> warnings) {
    this.root = root.toAbsolutePath().normalize();
    this.warnings = warnings;
  }

  /**
   * Makes the restore exact (restore --delete): whatever the target holds that the written tree
   * does not is removed, in the directories swept accepts (by entry path), never following a
   * symlink. Call before the first entry.
   */
  public DirectorySink removingExtras(Predicate<String> swept) {
    extras = new ExtraEntries(swept);
    return this;
  }

  /** How many entries removingExtras removed so far (below a removed directory included). */
  public long removedExtras() {
    return extras == null ? 0 : extras.removed();
  }

  @Override
  public void write(FileEntry entry, InputStream content) throws IOException {
    List<String> components = SafePaths.components(entry.path());
    recordWritten(entry);
    if (entry.isRoot()) {
      if (entry.type() != EntryType.DIRECTORY) {
        throw new IOException("/: the root entry must be a directory, not " + entry.type());
      }
      directoryMetadata(root(), entry);
      return;
    }
    Fd parent = chain.open(components.subList(0, components.size() - 1), true, entry.path());
    byte[] name = ByteNames.encode(entry.name());
    switch (entry.type()) {
      case DIRECTORY -> directory(parent, name, components, entry);
      case FILE -> {
        if (content == null) {
          throw new IOException(printable(entry) + ": FILE entry without content");
        }
        create(parent, name, entry).write(content);
      }
      case SYMLINK -> symlink(parent, name, entry);
      case HARDLINK -> hardLink(parent, name, entry);
      case FIFO, CHAR_DEVICE, BLOCK_DEVICE -> special(parent, name, entry);
    }
  }

  @Override
  public FileWrite prepareFile(FileEntry entry) throws IOException {
    List<String> components = SafePaths.components(entry.path());
    if (entry.type() != EntryType.FILE || entry.isRoot()) {
      throw new IOException(
          printable(entry) + ": prepareFile takes FILE entries, not " + entry.type());
    }
    recordWritten(entry);
    Fd parent = chain.open(components.subList(0, components.size() - 1), true, entry.path());
    return create(parent, ByteNames.encode(entry.name()), entry);
  }

  private void recordWritten(FileEntry entry) throws IOException {
    if (extras != null) {
      extras.written(entry.path(), entry.type() == EntryType.DIRECTORY, this::openDetached);
    }
  }

  @Override
  public void finish() throws IOException {
    chain.truncate(0);
    if (extras != null) {
      // before the directory times are set: removing a name changes its directory's mtime
      extras.finish(this::openDetached);
    }
    List<String> dirs = new ArrayList<>(pendingDirs.keySet());
    dirs.sort(PathComponents.ORDER);
    new MetadataWalk().run(dirs);
    pendingDirs.clear();
  }

  @Override
  public void close() throws IOException {
    chain.truncate(0);
    for (Fd fd : preparedFiles) {
      if (preparedFiles.remove(fd)) {
        fd.close();
      }
    }
    if (rootFd != null) {
      rootFd.close();
    }
  }

  private Fd root() throws FileSystemException {
    if (rootFd == null) {
      rootFd =
          Fd.openDirectoryAt(Posix.AT_FDCWD, ByteNames.encode(root.toString()), root.toString());
    }
    return rootFd;
  }

  private void directory(Fd parent, byte[] name, List<String> components, FileEntry entry)
      throws IOException {
    UnixAttributes existing = statOrNull(parent, name, entry.path());
    if (existing != null && !existing.isDirectory()) {
      Posix.unlinkAt(parent.fd, name, false, entry.path());
      existing = null;
    }
    if (existing == null) {
      Posix.mkdirAt(parent.fd, name, PRIVATE_DIR, entry.path());
    }
    directoryMetadata(chain.open(components, false, entry.path()), entry);
  }

  private void directoryMetadata(Fd dir, FileEntry entry) throws IOException {
    owner(dir.fd, null, entry);
    xattrs(dir.fd, entry);
    pendingDirs.put(entry.path(), new DirMeta(entry.mode(), entry.mtime()));
  }

  /** Creates the file of entry in parent, to be written through its own descriptor. */
  private FileWrite create(Fd parent, byte[] name, FileEntry entry) throws IOException {
    removeExisting(parent, name, entry);
    Fd file =
        Fd.openAt(
            parent.fd,
            name,
            Posix.O_WRONLY | Posix.O_CREAT | Posix.O_EXCL,
            PRIVATE_FILE,
            entry.path());
    preparedFiles.add(file);
    return content -> {
      if (!preparedFiles.remove(file)) {
        throw new IOException(
            printable(entry) + ": the sink was closed before the file was written");
      }
      try (file) {
        writeFile(file, entry, content);
      }
    };
  }

  /** Writes content and metadata through the file's descriptor; thread-safe. */
  private void writeFile(Fd file, FileEntry entry, InputStream content) throws IOException {
    long written;
    try (SparseOutput out = new SparseOutput(file)) {
      written = content.transferTo(out);
      out.finish();
    }
    if (written != entry.size()) {
      throw new IOException(
          printable(entry)
              + ": content delivered "
              + written
              + " bytes, the entry says "
              + entry.size());
    }
    owner(file.fd, null, entry);
    Posix.fchmod(file.fd, entry.mode(), entry.path());
    xattrs(file.fd, entry);
    Posix.setMtimeAt(file.fd, null, entry.mtime(), entry.path());
  }

  private void symlink(Fd parent, byte[] name, FileEntry entry) throws IOException {
    if (entry.linkTarget() == null) {
      throw new IOException(printable(entry) + ": symlink without target");
    }
    removeExisting(parent, name, entry);
    Posix.symlinkAt(ByteNames.encode(entry.linkTarget()), parent.fd, name, entry.path());
    owner(parent.fd, name, entry);
    Posix.setMtimeAt(parent.fd, name, entry.mtime(), entry.path());
  }

  private void hardLink(Fd parent, byte[] name, FileEntry entry) throws IOException {
    String linkTarget = entry.linkTarget();
    if (linkTarget == null || linkTarget.equals("/")) {
      throw new IOException(printable(entry) + ": invalid hard link target: " + linkTarget);
    }
    List<String> target = SafePaths.components(linkTarget);
    byte[] targetName = ByteNames.encode(target.get(target.size() - 1));
    try (Fd targetDir = openDetached(target.subList(0, target.size() - 1), entry.path())) {
      UnixAttributes a = statOrNull(targetDir, targetName, linkTarget);
      if (a == null || !a.isRegularFile()) {
        throw new IOException(
            printable(entry)
                + ": hard link target "
                + ByteNames.printable(linkTarget)
                + " is not a regular file written earlier");
      }
      removeExisting(parent, name, entry);
      Posix.linkAt(targetDir.fd, targetName, parent.fd, name, entry.path());
    }
  }

  private void special(Fd parent, byte[] name, FileEntry entry) throws IOException {
    removeExisting(parent, name, entry);
    int type =
        switch (entry.type()) {
          case FIFO -> Posix.S_IFIFO;
          case CHAR_DEVICE -> Posix.S_IFCHR;
          default -> Posix.S_IFBLK;
        };
    try {
      Posix.mknodAt(
          parent.fd,
          name,
          type | PRIVATE_FILE,
          entry.deviceMajor(),
          entry.deviceMinor(),
          entry.path());
    } catch (FileSystemException e) {
      warnings.accept(printable(entry) + ": " + entry.type() + " not created: " + e.getReason());
      return;
    }
    owner(parent.fd, name, entry);
    // chmod has no no-follow form on Linux: set the mode on the node itself, opened as O_PATH.
    try (Fd node = Fd.openAt(parent.fd, name, Posix.O_PATH, 0, entry.path())) {
      if (node.stat().typeBits() != type) {
        throw new IOException(printable(entry) + ": replaced while it was being restored");
      }
      Posix.chmodOpen(node.fd, entry.mode(), entry.path());
    }
    Posix.setMtimeAt(parent.fd, name, entry.mtime(), entry.path());
  }

  private void removeExisting(Fd parent, byte[] name, FileEntry entry) throws IOException {
    UnixAttributes a = statOrNull(parent, name, entry.path());
    if (a == null) {
      return;
    }
    chain.forget(entry.path());
    if (a.isDirectory() && extras != null) {
      extras.remove(parent, name, entry.path());
      pendingDirs.remove(entry.path());
      return;
    }
    try {
      Posix.unlinkAt(parent.fd, name, a.isDirectory(), entry.path());
    } catch (DirectoryNotEmptyException e) {
      throw new IOException(printable(entry) + ": a non-empty directory is in the way", e);
    }
    if (a.isDirectory()) {
      pendingDirs.remove(entry.path());
    }
  }

  /** Sets the owner of name in dir (of dir itself when name is null). */
  private void owner(int dir, byte[] name, FileEntry entry) {
    if (chownFailed) {
      return;
    }
    try {
      Posix.chownAt(dir, name, entry.uid(), entry.gid(), entry.path());
    } catch (FileSystemException e) {
      chownFailed = true;
      warnings.accept(
          printable(entry)
              + ": cannot set owner "
              + entry.uid()
              + ":"
              + entry.gid()
              + " ("
              + e.getReason()
              + "); owners will not be restored");
    }
  }

  private void xattrs(int fd, FileEntry entry) throws IOException {
    for (Map.Entry<String, String> x : entry.xattrs().entrySet()) {
      String name = x.getKey();
      boolean written = Xattrs.isUser(name) && Xattrs.write(fd, name, x.getValue(), entry.path());
      if (!written && warnedXattrs.add(name)) {
        warnings.accept(
            printable(entry)
                + ": extended attribute "
                + name
                + " not restored"
                + (Xattrs.isUser(name)
                    ? " (not supported here)"
                    : " (only user.* attributes are restored)")
                + "; further ones with this name are skipped silently");
      }
    }
  }

  /** The directory of the given components, opened from root apart from the chain. */
  private Fd openDetached(List<String> components, String entryPath) throws IOException {
    Fd current = Fd.openDirectoryAt(root().fd, new byte[] {'.'}, "/");
    StringBuilder path = new StringBuilder();
    for (String c : components) {
      path.append('/').append(c);
      try (Fd parent = current) {
        current = openDirectory(parent, c, path.toString(), entryPath);
      }
    }
    return current;
  }

  private static Fd openDirectory(Fd parent, String name, String dirPath, String entryPath)
      throws IOException {
    try {
      return Fd.openDirectoryAt(parent.fd, ByteNames.encode(name), dirPath);
    } catch (NotDirectoryException e) {
      throw notADirectory(dirPath, entryPath);
    } catch (FileSystemException e) {
      if (Posix.isErrno(e, Posix.ELOOP)) {
        throw notADirectory(dirPath, entryPath);
      }
      throw e;
    }
  }

  private static IOException notADirectory(String dirPath, String entryPath) {
    return new IOException(
        ByteNames.printable(entryPath)
            + ": refusing to write through "
            + ByteNames.printable(dirPath)
            + ", which is not a directory (a symlink or file from an "
            + "earlier entry, or swapped in meanwhile?)");
  }

  private static UnixAttributes statOrNull(Fd dir, byte[] name, String path)
      throws FileSystemException {
    return Posix.statAtIfExists(dir.fd, name, path);
  }

  private static String printable(FileEntry entry) {
    return ByteNames.printable(entry.path());
  }

  /**
   * Chain holds the directories from root to the one entries were last written into, open, so that
   * a depth-first stream opens each directory once. Only the stream thread uses it.
   */
  private final class Chain {
    private final List<String> names = new ArrayList<>();
    private final List<Fd> fds = new ArrayList<>();

    /** The directory of the given components, opened (and created if create) as needed. */
    Fd open(List<String> components, boolean create, String entryPath) throws IOException {
      int common = 0;
      while (common < names.size()
          && common < components.size()
          && names.get(common).equals(components.get(common))) {
        common++;
      }
      truncate(common);
      Fd current = common == 0 ? root() : fds.get(common - 1);
      for (int i = common; i < components.size(); i++) {
        String dirPath = "/" + String.join("/", components.subList(0, i + 1));
        current = openOrCreate(current, components.get(i), dirPath, create, entryPath);
        names.add(components.get(i));
        fds.add(current);
      }
      return current;
    }

    private Fd openOrCreate(
        Fd parent, String name, String dirPath, boolean create, String entryPath)
        throws IOException {
      try {
        return openDirectory(parent, name, dirPath, entryPath);
      } catch (NoSuchFileException e) {
        if (!create) {
          throw new NoSuchFileException(
              ByteNames.printable(entryPath),
              null,
              "directory " + ByteNames.printable(dirPath) + " is missing");
        }
      }
      Posix.mkdirAt(parent.fd, ByteNames.encode(name), PRIVATE_DIR, dirPath);
      return openDirectory(parent, name, dirPath, entryPath);
    }

    /** Drops path from the chain (with what is below it), before it is removed or replaced. */
    void forget(String path) throws IOException {
      List<String> components = SafePaths.components(path);
      if (components.size() <= names.size()
          && names.subList(0, components.size()).equals(components)) {
        truncate(components.size() - 1);
      }
    }

    /** Closes all but the first keep directories of the chain. */
    void truncate(int keep) throws FileSystemException {
      while (names.size() > keep) {
        names.remove(names.size() - 1);
        fds.remove(fds.size() - 1).close();
      }
    }
  }

  /**
   * MetadataWalk applies the pending directory modes and mtimes, children before parents, from a
   * descriptor walk in path order; a directory replaced meanwhile by anything else fails the
   * restore instead of being followed.
   */
  private final class MetadataWalk {
    private record Open(List<String> components, Fd fd, DirMeta meta) {}

    private final Deque<Open> stack = new ArrayDeque<>();

    void run(List<String> dirs) throws IOException {
      try {
        for (String dir : dirs) {
          if (!dir.equals("/")) {
            descend(SafePaths.components(dir), dir);
          }
        }
        while (!stack.isEmpty()) {
          pop();
        }
        DirMeta rootMeta = pendingDirs.get("/");
        if (rootMeta != null) {
          apply(root(), rootMeta);
        }
      } finally {
        while (!stack.isEmpty()) {
          stack.pop().fd().close();
        }
      }
    }

    private void descend(List<String> components, String path) throws IOException {
      while (!stack.isEmpty() && !isPrefix(stack.peek().components(), components)) {
        pop();
      }
      int depth = stack.isEmpty() ? 0 : stack.peek().components().size();
      for (int i = depth; i < components.size(); i++) {
        List<String> sub = components.subList(0, i + 1);
        String subPath = "/" + String.join("/", sub);
        Fd parent = stack.isEmpty() ? root() : stack.peek().fd();
        Fd fd;
        try {
          fd = openDirectory(parent, sub.get(i), subPath, path);
        } catch (FileSystemException e) {
          throw new IOException(
              ByteNames.printable(subPath)
                  + ": cannot apply directory modes "
                  + "and times: "
                  + e.getMessage(),
              e);
        } catch (IOException e) {
          throw new IOException(
              ByteNames.printable(subPath)
                  + ": replaced during the restore by "
                  + "something that is not a directory; its mode and mtime are not applied",
              e);
        }
        stack.push(
            new Open(
                List.copyOf(sub), fd, i == components.size() - 1 ? pendingDirs.get(path) : null));
      }
    }

    private void pop() throws IOException {
      Open top = stack.pop();
      try (Fd fd = top.fd()) {
        if (top.meta() != null) {
          apply(fd, top.meta());
        }
      }
    }

    private void apply(Fd dir, DirMeta meta) throws FileSystemException {
      Posix.fchmod(dir.fd, meta.mode(), dir.path);
      Posix.setMtimeAt(dir.fd, null, meta.mtime(), dir.path);
    }

    private boolean isPrefix(List<String> prefix, List<String> components) {
      return prefix.size() <= components.size()
          && components.subList(0, prefix.size()).equals(prefix);
    }
  }
}

package io.volback.entry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * DirectorySink writes a streamed tree into an existing local directory, with owners, modes,
 * mtimes, user.* xattrs, hard links and special files.
 *
 * <p>It never writes outside root: entry paths and hard link targets with "." or ".." components
 * are rejected, and every ancestor of an entry must be a real directory (a symlink written by an
 * earlier entry is never followed). Directory modes and mtimes are applied in finish(), deepest
 * first, because writing children changes them.
 */
public final class DirectorySink implements ConcurrentFileSink {
  private static final FileAttribute<?> PRIVATE_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<?> PRIVATE_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private record DirMeta(int mode, Instant mtime) {}

  private final Path root;
  private final Consumer<String> warnings;
  // Insertion order is parents before children, so reverse order is deepest first.
  private final Map<String, DirMeta> pendingDirs = new LinkedHashMap<>();
  private final Set<String> warnedXattrs = ConcurrentHashMap.newKeySet();
  // Entry path of the last directory whose ancestry was checked to be real directories.
  private String verifiedDir;
  private volatile boolean chownFailed;

  public DirectorySink(Path root, Consumer<String> warnings) {
    this.root = root.toAbsolutePath().normalize();
    this.warnings = warnings;
  }

  @Override
  public void write(FileEntry entry, InputStream content) throws IOException {
    SafePaths.components(entry.path());
    if (entry.isRoot()) {
      if (entry.type() != EntryType.DIRECTORY) {
        throw new IOException("/: the root entry must be a directory, not " + entry.type());
      }
      directoryMetadata(root, entry);
      return;
    }
    Path target = realParent(entry.path(), true).resolve(entry.name());
    if (entry.type() != EntryType.DIRECTORY && verifiedDir != null
        && SafePaths.covers(entry.path(), verifiedDir)) {
      verifiedDir = null;
    }
    try {
      switch (entry.type()) {
        case DIRECTORY -> directory(target, entry);
        case FILE -> file(target, entry, content);
        case SYMLINK -> symlink(target, entry);
        case HARDLINK -> hardLink(target, entry);
        case FIFO, CHAR_DEVICE, BLOCK_DEVICE -> special(target, entry);
      }
    } catch (FileSystemException e) {
      throw new IOException(entry.path() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public FileWrite prepareFile(FileEntry entry) throws IOException {
    SafePaths.components(entry.path());
    if (entry.type() != EntryType.FILE || entry.isRoot()) {
      throw new IOException(entry.path() + ": prepareFile takes FILE entries, not " + entry.type());
    }
    Path target = realParent(entry.path(), true).resolve(entry.name());
    if (verifiedDir != null && SafePaths.covers(entry.path(), verifiedDir)) {
      verifiedDir = null;
    }
    removeExisting(target, entry);
    return content -> {
      try {
        writeFile(target, entry, content);
      } catch (FileSystemException e) {
        throw new IOException(entry.path() + ": " + e.getMessage(), e);
      }
    };
  }

  @Override
  public void finish() throws IOException {
    List<Map.Entry<String, DirMeta>> dirs = new ArrayList<>(pendingDirs.entrySet());
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Path dir = SafePaths.resolve(root, dirs.get(i).getKey());
      DirMeta meta = dirs.get(i).getValue();
      Files.setAttribute(dir, "unix:mode", meta.mode());
      Files.getFileAttributeView(dir, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(FileTime.from(meta.mtime()), null, null);
    }
    pendingDirs.clear();
  }

  @Override
  public void close() {}

  private void directory(Path target, FileEntry entry) throws IOException {
    BasicFileAttributes existing = attributesOrNull(target);
    if (existing != null && !existing.isDirectory()) {
      Files.delete(target);
      existing = null;
    }
    if (existing == null) {
      Files.createDirectory(target, PRIVATE_DIR);
    }
    directoryMetadata(target, entry);
  }

  private void directoryMetadata(Path dir, FileEntry entry) throws IOException {
    owner(dir, entry);
    xattrs(dir, entry);
    pendingDirs.put(entry.path(), new DirMeta(entry.mode(), entry.mtime()));
  }

  private void file(Path target, FileEntry entry, InputStream content) throws IOException {
    if (content == null) {
      throw new IOException(entry.path() + ": FILE entry without content");
    }
    removeExisting(target, entry);
    writeFile(target, entry, content);
  }

  /** Creates target (its place prepared) and writes content and metadata; thread-safe. */
  private void writeFile(Path target, FileEntry entry, InputStream content) throws IOException {
    long written;
    try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(target,
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
        PRIVATE_FILE))) {
      written = content.transferTo(out);
    }
    if (written != entry.size()) {
      throw new IOException(entry.path() + ": content delivered " + written
          + " bytes, the entry says " + entry.size());
    }
    owner(target, entry);
    Files.setAttribute(target, "unix:mode", entry.mode());
    xattrs(target, entry);
    Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.from(entry.mtime()), null, null);
  }

  private void symlink(Path target, FileEntry entry) throws IOException {
    if (entry.linkTarget() == null) {
      throw new IOException(entry.path() + ": symlink without target");
    }
    removeExisting(target, entry);
    Files.createSymbolicLink(target, target.getFileSystem().getPath(entry.linkTarget()));
    owner(target, entry);
    // The JDK sets a symlink's times with lutimes(): microsecond precision.
    Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.from(entry.mtime()), null, null);
  }

  private void hardLink(Path target, FileEntry entry) throws IOException {
    String linkTarget = entry.linkTarget();
    if (linkTarget == null || linkTarget.equals("/")) {
      throw new IOException(entry.path() + ": invalid hard link target: " + linkTarget);
    }
    SafePaths.components(linkTarget);
    realParent(linkTarget, false);
    Path existing = SafePaths.resolve(root, linkTarget);
    BasicFileAttributes a = attributesOrNull(existing);
    if (a == null || !a.isRegularFile()) {
      throw new IOException(entry.path() + ": hard link target " + linkTarget
          + " is not a regular file written earlier");
    }
    removeExisting(target, entry);
    Files.createLink(target, existing);
  }

  private void special(Path target, FileEntry entry) throws IOException {
    removeExisting(target, entry);
    String error = SpecialFiles.create(target, entry.type(), entry.deviceMajor(),
        entry.deviceMinor());
    if (error != null) {
      warnings.accept(entry.path() + ": " + entry.type() + " not created: " + error);
      return;
    }
    owner(target, entry);
    Files.setAttribute(target, "unix:mode", entry.mode());
    error = SpecialFiles.setMtime(target, entry.mtime());
    if (error != null) {
      warnings.accept(entry.path() + ": mtime not set: " + error);
    }
  }

  /**
   * The directory that holds entryPath, after checking that every ancestor is a real directory
   * (not a symlink), creating missing ones when create is set.
   */
  private Path realParent(String entryPath, boolean create) throws IOException {
    String parent = SafePaths.parent(entryPath);
    if (parent.equals(verifiedDir)) {
      return SafePaths.resolve(root, parent);
    }
    Path current = root;
    for (String component : SafePaths.components(parent)) {
      current = current.resolve(component);
      BasicFileAttributes a = attributesOrNull(current);
      if (a == null && create) {
        Files.createDirectory(current, PRIVATE_DIR);
      } else if (a == null) {
        throw new NoSuchFileException(entryPath + ": parent directory " + current + " missing");
      } else if (!a.isDirectory()) {
        throw new IOException(entryPath + ": refusing to write through " + current
            + ", which is not a directory (a symlink or file from an earlier entry?)");
      }
    }
    verifiedDir = parent;
    return current;
  }

  private void removeExisting(Path target, FileEntry entry) throws IOException {
    BasicFileAttributes a = attributesOrNull(target);
    if (a == null) {
      return;
    }
    try {
      Files.delete(target);
    } catch (DirectoryNotEmptyException e) {
      throw new IOException(entry.path() + ": a non-empty directory is in the way", e);
    }
    if (a.isDirectory()) {
      pendingDirs.remove(entry.path());
    }
  }

  private void owner(Path target, FileEntry entry) throws IOException {
    if (chownFailed) {
      return;
    }
    try {
      Files.setAttribute(target, "unix:uid", entry.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(target, "unix:gid", entry.gid(), LinkOption.NOFOLLOW_LINKS);
    } catch (FileSystemException e) {
      chownFailed = true;
      warnings.accept(entry.path() + ": cannot set owner " + entry.uid() + ":" + entry.gid()
          + " (" + e.getMessage() + "); owners will not be restored");
    }
  }

  private void xattrs(Path target, FileEntry entry) throws IOException {
    for (Map.Entry<String, String> x : entry.xattrs().entrySet()) {
      String name = x.getKey();
      boolean written = name.startsWith(Xattrs.USER_PREFIX)
          && Xattrs.write(target, name, x.getValue());
      if (!written && warnedXattrs.add(name)) {
        warnings.accept(entry.path() + ": extended attribute " + name + " not restored"
            + (name.startsWith(Xattrs.USER_PREFIX) ? " (not supported here)"
                : " (only user.* attributes are restored)")
            + "; further ones with this name are skipped silently");
      }
    }
  }

  private static BasicFileAttributes attributesOrNull(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}

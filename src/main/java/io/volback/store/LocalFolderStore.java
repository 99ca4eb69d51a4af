package io.volback.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** LocalFolderStore keeps each object as a file under a root folder, key segments as folders. */
public final class LocalFolderStore implements ObjectStore {
  // The JDK stages heap-buffer I/O in a temporary direct buffer of the I/O's size: keep it small.
  private static final int IO_PIECE = 1 << 20;
  // Temp files live next to their target so the final rename stays on one file system.
  private static final String TEMP_PREFIX = ".tmp-";
  // Owner only, as restic: key files can be attacked offline, and backups hold everyone's data. A
  // mode given at creation can only lose bits to the umask, so no umask opens these up.
  private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<Set<PosixFilePermission>> FOLDER_MODE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private final Path root;
  private volatile TempHook beforeRename;

  public LocalFolderStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public void put(String key, byte[] data, int length) throws IOException {
    Path target = file(key);
    Path dir = target.getParent();
    Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName());
    try {
      Files.createDirectories(dir, FOLDER_MODE);
      writeDurably(temp, data, length);
      runHook(temp);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(dir);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw failure("cannot write", key, e);
    }
  }

  // A hard link is created only if the name is free, atomically: rename would replace a file, and
  // Java has no rename-without-replace.
  @Override
  public boolean putIfAbsent(String key, byte[] data) throws IOException {
    Path target = file(key);
    Path dir = target.getParent();
    Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName());
    try {
      Files.createDirectories(dir, FOLDER_MODE);
      writeDurably(temp, data, data.length);
      if (!link(target, temp)) {
        return false;
      }
      syncDirectory(dir);
      return true;
    } catch (IOException e) {
      throw failure("cannot create", key, e);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Links temp as target unless target exists. A file system without hard links (FAT, some FUSE
   * mounts) gets a check-then-rename, which two racing writers can both pass.
   */
  private static boolean link(Path target, Path temp) throws IOException {
    try {
      Files.createLink(target, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (e instanceof AccessDeniedException || e instanceof NoSuchFileException) {
        throw e;
      }
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    }
  }

  @Override
  public InputStream get(String key) throws IOException {
    Path file = file(key);
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw readFailure(key, e);
    }
  }

  @Override
  public void readRange(String key, long offset, int length, byte[] into) throws IOException {
    Path file = file(key);
    Ranges.check(key, offset, length);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
      while (buffer.hasRemaining()) {
        ByteBuffer piece = buffer.slice(buffer.position(), Math.min(IO_PIECE, buffer.remaining()));
        int n = channel.read(piece, offset + buffer.position());
        if (n < 0) {
          throw Ranges.beyondEnd(location(), key, offset, length, channel.size());
        }
        buffer.position(buffer.position() + n);
      }
    } catch (StoreException e) {
      throw e;
    } catch (IOException e) {
      throw readFailure(key, e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    Path file = file(key);
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      return attrs.isRegularFile() ? Optional.of(info(key, attrs)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("cannot stat", key, e);
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    Keys.checkPrefix(prefix);
    requireRoot();
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
    List<ObjectInfo> result = new ArrayList<>();
    if (!Files.isDirectory(start)) {
      return result;
    }
    try {
      Files.walkFileTree(start, new Collector(prefix, result));
    } catch (IOException e) {
      throw new StoreException(
          "cannot list '" + prefix + "' in " + location() + ": " + e, false, e);
    }
    return result;
  }

  @Override
  public boolean isEmpty() throws IOException {
    return !Files.isDirectory(root) || list("").isEmpty();
  }

  @Override
  public void delete(String key) throws IOException {
    Path file = file(key);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw failure("cannot delete", key, e);
    }
  }

  /**
   * Deletes the temporary files of puts that ended without renaming them (a killed or crashed
   * writer) and were last written more than grace ago; returns how many. A put writes its temp
   * file, fsyncs and renames it within seconds, so one untouched for an hour (docs: the grace
   * period) is garbage; should a stalled put come back after all, its rename fails and the retry
   * writes a new temp file: the cost is a retry, never data.
   */
  public int removeStaleTempFiles(Duration grace) throws IOException {
    requireRoot();
    FileTime cutoff = FileTime.from(Instant.now().minus(grace));
    var remover =
        new VanishingFilesVisitor() {
          int removed;

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isRegularFile()
                && file.getFileName().toString().startsWith(TEMP_PREFIX)
                && attrs.lastModifiedTime().compareTo(cutoff) < 0
                && Files.deleteIfExists(file)) {
              removed++;
            }
            return FileVisitResult.CONTINUE;
          }
        };
    try {
      Files.walkFileTree(root, remover);
    } catch (IOException e) {
      throw new StoreException(
          "cannot remove stale temporary files in " + location() + ": " + e, false, e);
    }
    return remover.removed;
  }

  /** Runs hook on each put's temp file just before it is renamed into place; for tests. */
  void beforeRenameForTest(TempHook hook) {
    this.beforeRename = hook;
  }

  private void runHook(Path temp) throws IOException {
    TempHook hook = beforeRename;
    if (hook != null) {
      hook.run(temp);
    }
  }

  /** TempHook sees a temp file of a put. */
  interface TempHook {
    void run(Path temp) throws IOException;
  }

  private static ObjectInfo info(String key, BasicFileAttributes attrs) {
    return new ObjectInfo(key, attrs.size(), attrs.lastModifiedTime().toInstant());
  }

  private Path file(String key) {
    return root.resolve(Keys.check(key));
  }

  private static void writeDurably(Path temp, byte[] data, int length) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_MODE)) {
      for (int off = 0; off < length; ) {
        off += channel.write(ByteBuffer.wrap(data, off, Math.min(IO_PIECE, length - off)));
      }
      channel.force(true);
    }
  }

  // Makes the rename itself durable.
  private static void syncDirectory(Path dir) {
    FileSync.directory(dir);
  }

  private void requireRoot() throws StoreException {
    if (!Files.isDirectory(root)) {
      throw new StoreException("repository folder " + root + " does not exist", true, null);
    }
  }

  private StoreException readFailure(String key, IOException e) throws StoreException {
    if (e instanceof NoSuchFileException) {
      return new ObjectNotFoundException(location(), key);
    }
    return failure("cannot read", key, e);
  }

  private StoreException failure(String action, String key, IOException e) {
    boolean permanent = e instanceof AccessDeniedException;
    return new StoreException(
        action + " object " + key + " in " + location() + ": " + e, permanent, e);
  }

  /** Collector gathers regular files under the walk's start whose key starts with the prefix. */
  private final class Collector extends VanishingFilesVisitor {
    private final String prefix;
    private final List<ObjectInfo> result;

    Collector(String prefix, List<ObjectInfo> result) {
      this.prefix = prefix;
      this.result = result;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      String name = file.getFileName().toString();
      if (!attrs.isRegularFile() || name.startsWith(TEMP_PREFIX)) {
        return FileVisitResult.CONTINUE;
      }
      String key =
          root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      if (key.startsWith(prefix)) {
        result.add(info(key, attrs));
      }
      return FileVisitResult.CONTINUE;
    }
  }

  /**
   * VanishingFilesVisitor walks a tree whose files and folders may vanish meanwhile (a concurrent
   * delete, or the rename of a temp file): those are passed over, other failures thrown.
   */
  private abstract static class VanishingFilesVisitor extends SimpleFileVisitor<Path> {
    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
      if (e instanceof NoSuchFileException) {
        return FileVisitResult.CONTINUE;
      }
      throw e;
    }
  }
}

package io.volback.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * CacheDirectory is one repository's folder of a metadata cache: objects kept as the store holds
 * them (still sealed), each file at its key ("index/ab12...", "data/ab/ab12..."). Every object kept
 * here is named by the SHA-256 of its bytes, so a read checks the bytes against the name; writes go
 * to a temporary file renamed over the name, so that processes sharing the folder see whole files
 * only. The caller decides what to keep and when a kept file may be used.
 */
final class CacheDirectory {
  private static final int BUFFER = 64 << 10;

  private final Path root;

  private CacheDirectory(Path root) {
    this.root = root;
  }

  /** Creates (if needed) and checks that root can be written; IOException when it cannot. */
  static CacheDirectory open(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      // Sealed, but object names and counts are the owner's business only (as restic's 0700).
      Files.createDirectories(
          root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Path probe = Files.createTempFile(root, ".probe-", ".tmp");
    Files.delete(probe);
    return new CacheDirectory(root);
  }

  Path root() {
    return root;
  }

  Path path(String key) {
    return root.resolve(Keys.check(key));
  }

  /** The kept bytes of key, empty when none are kept; Damaged when they do not match its name. */
  Optional<byte[]> read(String key) throws IOException, Damaged {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path(key));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (!matchesName(key, sha256(bytes, bytes.length))) {
      throw new Damaged(key);
    }
    return Optional.of(bytes);
  }

  /** Whether a file is kept for key and its bytes match its name (read in a stream). */
  boolean holdsIntact(String key) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(path(key))) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (NoSuchFileException e) {
      return false;
    }
    return matchesName(key, digest.digest());
  }

  /** Keeps data[0, length) under key, atomically. */
  void write(String key, byte[] data, int length) throws IOException {
    Path target = path(key);
    Path temp = tempFor(target);
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        out.write(data, 0, length);
      }
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Copies in to key in a stream, atomically, and returns true when the bytes match the name;
   * otherwise keeps nothing and returns false (the store's copy is damaged: not ours to keep).
   */
  boolean copy(String key, InputStream in) throws IOException {
    Path target = path(key);
    Path temp = tempFor(target);
    try {
      MessageDigest digest = newDigest();
      byte[] buffer = new byte[BUFFER];
      try (OutputStream out = Files.newOutputStream(temp)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
        }
      }
      if (!matchesName(key, digest.digest())) {
        return false;
      }
      move(temp, target);
      return true;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Reads length bytes at offset of the kept file of key into into; IOException when short. */
  void readRange(String key, long offset, int length, byte[] into) throws IOException {
    try (FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
      long position = offset;
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, position);
        if (n < 0) {
          throw new IOException("cached " + key + " is shorter than its index says");
        }
        position += n;
      }
    }
  }

  void delete(String key) throws IOException {
    Files.deleteIfExists(path(key));
  }

  /** Deletes the kept objects under prefix ("index/", "data/") whose keys are not in keep. */
  void retain(String prefix, Set<String> keep) throws IOException {
    Path dir = root.resolve(prefix);
    if (!Files.isDirectory(dir)) {
      return;
    }
    // Other processes sharing the cache write and rename files meanwhile: a file gone between
    // the listing and its visit is skipped, never an error.
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            String name = file.getFileName().toString();
            if (attributes.isRegularFile() && !name.startsWith(".")) {
              String key = root.relativize(file).toString().replace('\\', '/');
              if (!keep.contains(key)) {
                Files.deleteIfExists(file);
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
  }

  private static Path tempFor(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    return Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean matchesName(String key, byte[] hash) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    return name.equalsIgnoreCase(HexFormat.of().formatHex(hash));
  }

  static byte[] sha256(byte[] data, int length) {
    MessageDigest digest = newDigest();
    digest.update(data, 0, length);
    return digest.digest();
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Damaged says that a kept file does not hold the object its name says (flipped, truncated). */
  static final class Damaged extends Exception {
    Damaged(String key) {
      super("cached " + key + " is damaged");
    }
  }
}

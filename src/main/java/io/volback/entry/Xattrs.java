package io.volback.entry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Xattrs reads and writes the user.* extended attributes of regular files and directories.
 *
 * <p>The JDK's view only reaches the "user." namespace and names attributes without that prefix;
 * FileEntry keys carry the full name ("user.foo"), as tar's SCHILY.xattr headers do. The view
 * opens the file itself, so it must never be used on FIFOs (blocks) or devices (side effects).
 */
final class Xattrs {
  static final String USER_PREFIX = "user.";

  private Xattrs() {}

  /** Full names to base64 values; empty where the file system does not support user xattrs. */
  static Map<String, String> read(Path path) throws IOException {
    UserDefinedFileAttributeView view = view(path);
    if (view == null) {
      return Map.of();
    }
    Map<String, String> result = new TreeMap<>();
    try {
      for (String name : view.list()) {
        ByteBuffer buf = ByteBuffer.allocate(view.size(name));
        view.read(name, buf);
        buf.flip();
        byte[] value = new byte[buf.remaining()];
        buf.get(value);
        result.put(USER_PREFIX + name, Base64.getEncoder().encodeToString(value));
      }
    } catch (UnsupportedOperationException e) {
      return Map.of();
    } catch (IOException e) {
      if (isNotSupported(e)) {
        return Map.of();
      }
      throw e;
    }
    return result;
  }

  /** Writes one user.* attribute; returns false if the file system does not support them. */
  static boolean write(Path path, String fullName, String base64Value) throws IOException {
    UserDefinedFileAttributeView view = view(path);
    if (view == null) {
      return false;
    }
    try {
      view.write(fullName.substring(USER_PREFIX.length()),
          ByteBuffer.wrap(Base64.getDecoder().decode(base64Value)));
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    } catch (IOException e) {
      if (isNotSupported(e)) {
        return false;
      }
      throw e;
    }
  }

  private static UserDefinedFileAttributeView view(Path path) {
    return Files.getFileAttributeView(path, UserDefinedFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
  }

  private static boolean isNotSupported(IOException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("Operation not supported") || message.contains("not supported");
  }
}

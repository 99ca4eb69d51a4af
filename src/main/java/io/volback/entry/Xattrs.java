package io.volback.entry;

import java.nio.file.FileSystemException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Xattrs reads and writes the user.* extended attributes of open regular files and directories.
 *
 * <p>FileEntry keys carry the full name ("user.foo"), as tar's SCHILY.xattr headers do. Other
 * namespaces (security, trusted, system) are neither read nor written.
 */
final class Xattrs {
  static final String USER_PREFIX = "user.";

  private Xattrs() {}

  /** Full names to base64 values of the object open as fd; empty where unsupported. */
  static Map<String, String> read(int fd, String path) throws FileSystemException {
    byte[] list = Posix.listXattrs(fd, path);
    Map<String, String> result = new TreeMap<>();
    int start = 0;
    for (int i = 0; i < list.length; i++) {
      if (list[i] != 0) {
        continue;
      }
      String name = ByteNames.decode(list, start, i - start);
      byte[] nameBytes = Arrays.copyOfRange(list, start, i);
      start = i + 1;
      if (!name.startsWith(USER_PREFIX)) {
        continue;
      }
      byte[] value = Posix.getXattr(fd, nameBytes, path);
      if (value != null) {
        result.put(name, Base64.getEncoder().encodeToString(value));
      }
    }
    return result;
  }

  /** Writes one user.* attribute on fd; returns false if the file system does not support it. */
  static boolean write(int fd, String fullName, String base64Value, String path)
      throws FileSystemException {
    return Posix.setXattr(
        fd, ByteNames.encode(fullName), Base64.getDecoder().decode(base64Value), path);
  }

  static boolean isUser(String name) {
    return name.startsWith(USER_PREFIX);
  }
}

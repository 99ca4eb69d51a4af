package io.volback.cli.json;

import io.volback.entry.ByteNames;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import java.time.Instant;
import java.util.Base64;

/**
 * NodeJson is one entry of a snapshot as `ls --json` prints it, with restic's names: type is
 * restic's ("file", "dir", "symlink", "fifo", "chardev", "dev") or "hardlink"; mode is the POSIX
 * permission bits (setuid, setgid and sticky included) as a number, permissions the same as `ls -l`
 * shows it. Names that are not valid UTF-8 show their bytes as \xNN in path and name, and raw_path
 * carries the exact bytes (base64).
 */
public record NodeJson(
    String messageType,
    String name,
    String type,
    String path,
    String rawPath,
    int uid,
    int gid,
    Long size,
    int mode,
    String permissions,
    Instant mtime,
    String linkTarget,
    Integer deviceMajor,
    Integer deviceMinor) {

  public static NodeJson of(FileEntry e) {
    boolean device = e.type() == EntryType.CHAR_DEVICE || e.type() == EntryType.BLOCK_DEVICE;
    boolean link = e.type() == EntryType.SYMLINK || e.type() == EntryType.HARDLINK;
    return new NodeJson(
        "node",
        ByteNames.printable(e.name()),
        type(e.type()),
        ByteNames.printable(e.path()),
        ByteNames.hasEscapes(e.path())
            ? Base64.getEncoder().encodeToString(ByteNames.encode(e.path()))
            : null,
        e.uid(),
        e.gid(),
        e.type() == EntryType.FILE ? e.size() : null,
        e.mode() & 07777,
        permissions(e.type(), e.mode()),
        e.mtime(),
        link ? ByteNames.printable(e.linkTarget()) : null,
        device ? e.deviceMajor() : null,
        device ? e.deviceMinor() : null);
  }

  static String type(EntryType t) {
    return switch (t) {
      case FILE -> "file";
      case DIRECTORY -> "dir";
      case SYMLINK -> "symlink";
      case HARDLINK -> "hardlink";
      case FIFO -> "fifo";
      case CHAR_DEVICE -> "chardev";
      case BLOCK_DEVICE -> "dev";
    };
  }

  /** The mode as `ls -l` shows it, e.g. "drwxr-sr-x" or "-rwsr-xr-x". */
  public static String permissions(EntryType t, int mode) {
    char kind =
        switch (t) {
          case DIRECTORY -> 'd';
          case SYMLINK -> 'l';
          case FIFO -> 'p';
          case CHAR_DEVICE -> 'c';
          case BLOCK_DEVICE -> 'b';
          case FILE, HARDLINK -> '-';
        };
    StringBuilder b = new StringBuilder().append(kind);
    String rwx = "rwx";
    for (int i = 8; i >= 0; i--) {
      b.append((mode & (1 << i)) != 0 ? rwx.charAt(2 - i % 3) : '-');
    }
    special(b, 3, (mode & 04000) != 0, 's');
    special(b, 6, (mode & 02000) != 0, 's');
    special(b, 9, (mode & 01000) != 0, 't');
    return b.toString();
  }

  private static void special(StringBuilder b, int at, boolean set, char lower) {
    if (set) {
      b.setCharAt(at, b.charAt(at) == 'x' ? lower : Character.toUpperCase(lower));
    }
  }
}

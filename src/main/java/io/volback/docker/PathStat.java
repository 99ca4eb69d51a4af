package io.volback.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.volback.entry.EntryType;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * PathStat is what the Engine API tells of one path in a container without its data: the
 * X-Docker-Container-Path-Stat header of HEAD /containers/{id}/archive (Go's os.FileMode in mode,
 * mtime with nanoseconds). It carries no owner, xattrs, inode or ctime.
 */
public record PathStat(String name, long size, long goMode, Instant mtime) {
  private static final long MODE_DIR = 1L << 31;
  private static final long MODE_SYMLINK = 1L << 27;
  private static final long MODE_DEVICE = 1L << 26;
  private static final long MODE_NAMED_PIPE = 1L << 25;
  private static final long MODE_SOCKET = 1L << 24;
  private static final long MODE_SETUID = 1L << 23;
  private static final long MODE_SETGID = 1L << 22;
  private static final long MODE_CHAR_DEVICE = 1L << 21;
  private static final long MODE_STICKY = 1L << 20;
  private static final long MODE_IRREGULAR = 1L << 19;

  /** Parses the header's value (base64 of a JSON object). */
  static PathStat parse(String header) throws IOException {
    try {
      JsonNode json = EngineApi.JSON.readTree(Base64.getDecoder().decode(header.trim()));
      return new PathStat(
          json.path("name").asText(),
          json.path("size").asLong(),
          json.path("mode").asLong(),
          OffsetDateTime.parse(json.path("mtime").asText()).toInstant());
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new IOException("the Docker host sent an unreadable path stat: " + e.getMessage(), e);
    }
  }

  /** The entry type, or null for what a tree cannot hold (sockets, irregular files). */
  public EntryType type() {
    if ((goMode & MODE_DIR) != 0) {
      return EntryType.DIRECTORY;
    }
    if ((goMode & MODE_SYMLINK) != 0) {
      return EntryType.SYMLINK;
    }
    if ((goMode & MODE_DEVICE) != 0) {
      return (goMode & MODE_CHAR_DEVICE) != 0 ? EntryType.CHAR_DEVICE : EntryType.BLOCK_DEVICE;
    }
    if ((goMode & MODE_NAMED_PIPE) != 0) {
      return EntryType.FIFO;
    }
    if ((goMode & (MODE_SOCKET | MODE_IRREGULAR)) != 0) {
      return null;
    }
    return EntryType.FILE;
  }

  /** The permission bits as a tree stores them (07777). */
  public int permissions() {
    int mode = (int) (goMode & 0777);
    if ((goMode & MODE_SETUID) != 0) {
      mode |= 04000;
    }
    if ((goMode & MODE_SETGID) != 0) {
      mode |= 02000;
    }
    if ((goMode & MODE_STICKY) != 0) {
      mode |= 01000;
    }
    return mode;
  }
}

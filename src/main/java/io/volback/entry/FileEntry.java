package io.volback.entry;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * FileEntry is the metadata of one entry of a file tree, independent of where the tree lives.
 *
 * <p>{@code path} is absolute within the tree: the root directory is {@code "/"}, a child is {@code
 * "/a/b"}. {@code mode} holds the permission bits (including setuid/setgid/sticky, 07777). {@code
 * linkTarget} is the symlink's target, or for a HARDLINK the path of the entry it links to. {@code
 * xattrs} maps attribute names to base64-encoded values. {@code inode}, {@code device} and {@code
 * ctime} are only known when the tree is read directly from a file system (null otherwise); they
 * let a later backup skip unchanged files.
 */
public record FileEntry(
    String path,
    EntryType type,
    int mode,
    int uid,
    int gid,
    Instant mtime,
    long size,
    String linkTarget,
    int deviceMajor,
    int deviceMinor,
    Map<String, String> xattrs,
    Long inode,
    Long device,
    Instant ctime) {

  public FileEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mtime, "mtime");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("entry path must start with '/': " + path);
    }
    // Sorted, so equal entries give equal tree lines (Map.copyOf's order changes from run to run).
    xattrs =
        xattrs == null || xattrs.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(xattrs));
  }

  public static Builder builder(String path, EntryType type) {
    return new Builder(path, type);
  }

  public Builder toBuilder() {
    return new Builder(path, type)
        .mode(mode)
        .uid(uid)
        .gid(gid)
        .mtime(mtime)
        .size(size)
        .linkTarget(linkTarget)
        .device(deviceMajor, deviceMinor)
        .xattrs(xattrs)
        .fileIdentity(inode, device, ctime);
  }

  /** The entry's name: the last path component ("" for the root). */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  public boolean isRoot() {
    return path.equals("/");
  }

  /** Builder for FileEntry; defaults: mode 0644 (0755 for directories), owner 0:0, mtime epoch. */
  public static final class Builder {
    private String path;
    private final EntryType type;
    private int mode;
    private int uid;
    private int gid;
    private Instant mtime = Instant.EPOCH;
    private long size;
    private String linkTarget;
    private int deviceMajor;
    private int deviceMinor;
    private Map<String, String> xattrs = Map.of();
    private Long inode;
    private Long device;
    private Instant ctime;

    private Builder(String path, EntryType type) {
      this.path = path;
      this.type = type;
      this.mode = type == EntryType.DIRECTORY ? 0755 : type == EntryType.SYMLINK ? 0777 : 0644;
    }

    public Builder path(String v) {
      this.path = v;
      return this;
    }

    public Builder mode(int v) {
      this.mode = v;
      return this;
    }

    public Builder uid(int v) {
      this.uid = v;
      return this;
    }

    public Builder gid(int v) {
      this.gid = v;
      return this;
    }

    public Builder mtime(Instant v) {
      this.mtime = v;
      return this;
    }

    public Builder size(long v) {
      this.size = v;
      return this;
    }

    public Builder linkTarget(String v) {
      this.linkTarget = v;
      return this;
    }

    public Builder device(int major, int minor) {
      this.deviceMajor = major;
      this.deviceMinor = minor;
      return this;
    }

    public Builder xattrs(Map<String, String> v) {
      this.xattrs = v;
      return this;
    }

    public Builder fileIdentity(Long inode, Long device, Instant ctime) {
      this.inode = inode;
      this.device = device;
      this.ctime = ctime;
      return this;
    }

    public FileEntry build() {
      return new FileEntry(
          path,
          type,
          mode,
          uid,
          gid,
          mtime,
          size,
          linkTarget,
          deviceMajor,
          deviceMinor,
          xattrs,
          inode,
          device,
          ctime);
    }
  }
}

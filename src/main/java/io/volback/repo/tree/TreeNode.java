package io.volback.repo.tree;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.Id;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * TreeNode is one line of a serialized file tree: a FileEntry plus, for files and hard links, the
 * ids of the DATA blobs that make up its content, in order.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TreeNode(
    String path,
    EntryType type,
    int mode,
    int uid,
    int gid,
    Instant mtime,
    long size,
    String link,
    int devMajor,
    int devMinor,
    Map<String, String> xattrs,
    Long inode,
    Long device,
    Instant ctime,
    List<String> content) {

  public static TreeNode of(FileEntry e, List<Id> content) {
    List<String> ids = content == null ? null : content.stream().map(Id::hex).toList();
    return new TreeNode(
        e.path(),
        e.type(),
        e.mode(),
        e.uid(),
        e.gid(),
        e.mtime(),
        e.size(),
        e.linkTarget(),
        e.deviceMajor(),
        e.deviceMinor(),
        e.xattrs().isEmpty() ? null : e.xattrs(),
        e.inode(),
        e.device(),
        e.ctime(),
        ids);
  }

  public FileEntry entry() {
    return new FileEntry(
        path, type, mode, uid, gid, mtime, size, link, devMajor, devMinor, xattrs, inode, device,
        ctime);
  }

  public List<Id> contentIds() {
    return content == null ? List.of() : content.stream().map(Id::parse).toList();
  }
}

package io.volback.repo.tree;

import io.volback.entry.FileEntry;
import io.volback.repo.Id;
import java.util.List;
import java.util.Objects;

/**
 * TreeNode is one line of a serialized file tree: a FileEntry plus, for files and hard links, the
 * ids of the DATA blobs that make up its content, in order (empty for every other entry). {@link
 * TreeCodec} owns the JSON names.
 */
public record TreeNode(FileEntry entry, List<Id> contentIds) {

  public TreeNode {
    Objects.requireNonNull(entry, "entry");
    contentIds = contentIds == null ? List.of() : List.copyOf(contentIds);
  }
}

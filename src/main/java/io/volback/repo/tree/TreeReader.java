package io.volback.repo.tree;

import io.volback.repo.Id;
import io.volback.repo.pack.BlobData;
import io.volback.repo.pack.BlobLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** TreeReader streams the nodes of a serialized tree, one TREE blob at a time. */
public final class TreeReader {
  private final BlobLoader loader;
  private final Iterator<Id> blobs;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final Deque<TreeNode> ready = new ArrayDeque<>();

  public TreeReader(BlobLoader loader, List<Id> treeBlobs) {
    this.loader = loader;
    this.blobs = treeBlobs.iterator();
  }

  /** The next node, or null after the last one. */
  public TreeNode next() throws IOException {
    while (ready.isEmpty() && blobs.hasNext()) {
      Id id = blobs.next();
      BlobData blob = loader.load(id);
      byte[] data = blob.bytes();
      int limit = blob.offset() + blob.length();
      int start = blob.offset();
      for (int i = start; i < limit; i++) {
        if (data[i] == '\n') {
          String what = "tree blob " + id.shortHex();
          if (partial.size() == 0) {
            ready.add(TreeCodec.read(data, start, i - start, what));
          } else {
            partial.write(data, start, i - start);
            ready.add(TreeCodec.read(partial.toByteArray(), 0, partial.size(), what));
            partial.reset();
          }
          start = i + 1;
        }
      }
      partial.write(data, start, limit - start);
    }
    return ready.poll();
  }
}

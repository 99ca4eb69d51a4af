package io.volback.repo;

import io.volback.repo.chunker.Chunker;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * TreeWriter serializes tree nodes as JSON lines and stores the byte stream as content-defined
 * TREE blobs, so that memory stays bounded for any number of files and unchanged stretches of a tree
 * deduplicate against earlier snapshots.
 */
final class TreeWriter {
  private final Chunker chunker;
  private final BlobSaver saver;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final JsonGenerator json;
  private final List<Id> blobs = new ArrayList<>();
  private long nodes;

  TreeWriter(Chunker chunker, BlobSaver saver) {
    this.chunker = chunker;
    this.saver = saver;
    try {
      this.json = TreeCodec.generator(buffer);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  void add(TreeNode node) throws IOException {
    TreeCodec.write(json, node);
    json.flush();
    buffer.write('\n');
    nodes++;
    if (buffer.size() >= 2 * chunker.params().maxSize()) {
      cut(false);
    }
  }

  /** Stores what is left and returns the ids of all tree blobs in order. */
  List<Id> finish() throws IOException {
    cut(true);
    return List.copyOf(blobs);
  }

  long nodes() {
    return nodes;
  }

  private void cut(boolean all) throws IOException {
    byte[] data = buffer.toByteArray();
    int off = 0;
    int max = chunker.params().maxSize();
    while (off < data.length && (all || data.length - off >= max)) {
      int len = chunker.cutPoint(data, off, data.length - off);
      blobs.add(saver.save(BlobType.TREE, data, off, len));
      off += len;
    }
    buffer.reset();
    buffer.write(data, off, data.length - off);
  }
}

package io.volback.repo.tree;

import com.fasterxml.jackson.core.JsonGenerator;
import io.volback.repo.BlobType;
import io.volback.repo.Id;
import io.volback.repo.chunker.Chunker;
import io.volback.repo.pack.BlobSaver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * TreeWriter serializes tree nodes as JSON lines and stores the byte stream as content-defined TREE
 * blobs, so that memory stays bounded for any number of files and unchanged stretches of a tree
 * deduplicate against earlier snapshots.
 */
public final class TreeWriter {
  private final Chunker chunker;
  private final BlobSaver saver;
  private final LineBuffer buffer;
  private final JsonGenerator json;
  private final List<Id> blobs = new ArrayList<>();
  private long nodes;

  public TreeWriter(Chunker chunker, BlobSaver saver) {
    this.chunker = chunker;
    this.saver = saver;
    // Room for two maximum chunks and a long line, so that the buffer does not grow by doubling.
    this.buffer = new LineBuffer(2 * chunker.params().maxSize() + (64 << 10));
    try {
      this.json = TreeCodec.generator(buffer);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public void add(TreeNode node) throws IOException {
    TreeCodec.write(json, node);
    json.flush();
    buffer.write('\n');
    nodes++;
    if (buffer.size() >= 2 * chunker.params().maxSize()) {
      cut(false);
    }
  }

  /** Stores what is left and returns the ids of all tree blobs in order. */
  public List<Id> finish() throws IOException {
    cut(true);
    return List.copyOf(blobs);
  }

  public long nodes() {
    return nodes;
  }

  private void cut(boolean all) throws IOException {
    byte[] data = buffer.array();
    int length = buffer.size();
    int off = 0;
    int max = chunker.params().maxSize();
    while (off < length && (all || length - off >= max)) {
      int len = chunker.cutPoint(data, off, length - off);
      blobs.add(saver.save(BlobType.TREE, data, off, len));
      off += len;
    }
    buffer.dropFirst(off);
  }

  /** LineBuffer is a ByteArrayOutputStream cut in place, without copying it out first. */
  private static final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer(int capacity) {
      super(capacity);
    }

    byte[] array() {
      return buf;
    }

    void dropFirst(int n) {
      System.arraycopy(buf, n, buf, 0, count - n);
      count -= n;
    }
  }
}

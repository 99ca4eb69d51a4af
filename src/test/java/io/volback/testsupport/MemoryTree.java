package io.volback.testsupport;

import io.volback.entry.EntrySink;
import io.volback.entry.EntrySource;
import io.volback.entry.EntryType;
import io.volback.entry.EntryVisitor;
import io.volback.entry.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MemoryTree is an in-memory file tree usable as EntrySource and EntrySink, for unit tests. */
public final class MemoryTree implements EntrySource, EntrySink {
  private final Map<String, FileEntry> entries = new LinkedHashMap<>();
  private final Map<String, byte[]> contents = new LinkedHashMap<>();
  public int contentOpens;
  public boolean finished;

  public MemoryTree add(FileEntry e, byte[] content) {
    entries.put(e.path(), e);
    if (content != null) {
      contents.put(e.path(), content);
    }
    return this;
  }

  public MemoryTree dir(String path) {
    return add(FileEntry.builder(path, EntryType.DIRECTORY).build(), null);
  }

  public MemoryTree file(String path, byte[] content) {
    return add(FileEntry.builder(path, EntryType.FILE).size(content.length).build(), content);
  }

  public List<FileEntry> entries() {
    return new ArrayList<>(entries.values());
  }

  public byte[] content(String path) {
    return contents.get(path);
  }

  @Override
  public void forEach(EntryVisitor visitor) throws IOException {
    for (FileEntry e : entries.values()) {
      visitor.visit(
          e,
          e.type() == EntryType.FILE
              ? () -> {
                contentOpens++;
                return new ByteArrayInputStream(contents.get(e.path()));
              }
              : null);
    }
  }

  @Override
  public void write(FileEntry entry, InputStream content) throws IOException {
    entries.put(entry.path(), entry);
    if (content != null) {
      contents.put(entry.path(), content.readAllBytes());
    }
  }

  @Override
  public void finish() {
    finished = true;
  }

  @Override
  public void close() {}
}

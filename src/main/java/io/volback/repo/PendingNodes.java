package io.volback.repo;

import io.volback.entry.FileEntry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * PendingNodes keeps tree nodes in walk order until the ids of their content, hashed on other
 * threads, are known, and hands them to the tree writer in that order. At most MAX_PENDING wait.
 */
final class PendingNodes {
  private static final int MAX_PENDING = 512;

  private final Sink sink;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();

  PendingNodes(Sink sink) {
    this.sink = sink;
  }

  /** Adds entry, whose content ids (null for none) may still be coming, and passes on what is ready. */
  void add(FileEntry entry, List<CompletableFuture<Id>> content, boolean read) throws IOException {
    queue.add(new Pending(entry, content, read));
    while (!queue.isEmpty() && (queue.size() > MAX_PENDING || queue.peek().ready())) {
      emit(queue.poll());
    }
  }

  /** Waits for and passes on every node still pending. */
  void finish() throws IOException {
    while (!queue.isEmpty()) {
      emit(queue.poll());
    }
  }

  private void emit(Pending p) throws IOException {
    List<Id> ids = null;
    if (p.content != null) {
      ids = new ArrayList<>(p.content.size());
      for (CompletableFuture<Id> id : p.content) {
        ids.add(join(id));
      }
    }
    sink.accept(p.entry, ids, p.read);
  }

  private static Id join(CompletableFuture<Id> id) throws IOException {
    try {
      return id.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while storing data");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("storing data failed: " + e.getCause(), e.getCause());
    }
  }

  private record Pending(FileEntry entry, List<CompletableFuture<Id>> content, boolean read) {
    boolean ready() {
      return content == null || content.stream().allMatch(CompletableFuture::isDone);
    }
  }

  /** Sink receives nodes in order, with their content ids (null for entries without content). */
  @FunctionalInterface
  interface Sink {
    void accept(FileEntry entry, List<Id> content, boolean read) throws IOException;
  }
}

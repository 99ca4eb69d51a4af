package io.volback.backup;

import io.volback.concurrent.Interrupts;
import io.volback.entry.FileEntry;
import io.volback.repo.Id;
import java.io.IOException;
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

  /** Adds entry with the ids of its content (null for none), and passes on what is ready. */
  void add(FileEntry entry, List<Id> content, EntryChange change) throws IOException {
    enqueue(new Pending(entry, content, null, change));
  }

  /** Adds entry, whose content ids are still being computed, and passes on what is ready. */
  void addPending(FileEntry entry, List<CompletableFuture<Id>> content, EntryChange change)
      throws IOException {
    enqueue(new Pending(entry, null, content, change));
  }

  private void enqueue(Pending p) throws IOException {
    queue.add(p);
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
    List<Id> ids = p.ids;
    if (p.futures != null) {
      ids = new ArrayList<>(p.futures.size());
      for (CompletableFuture<Id> id : p.futures) {
        ids.add(join(id));
      }
    }
    sink.accept(p.entry, ids, p.change);
  }

  private static Id join(CompletableFuture<Id> id) throws IOException {
    try {
      return id.get();
    } catch (InterruptedException e) {
      throw Interrupts.interrupted("storing data");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IOException("storing data failed: " + e.getCause(), e.getCause());
    }
  }

  /** Pending is an entry with its content ids, or the futures of them, or neither. */
  private record Pending(
      FileEntry entry, List<Id> ids, List<CompletableFuture<Id>> futures, EntryChange change) {
    boolean ready() {
      return futures == null || futures.stream().allMatch(CompletableFuture::isDone);
    }
  }

  /** Sink receives nodes in order, with their content ids (null for entries without content). */
  @FunctionalInterface
  interface Sink {
    void accept(FileEntry entry, List<Id> content, EntryChange change) throws IOException;
  }
}

package io.volback.repo.pack;

import io.volback.concurrent.Interrupts;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * BufferPool lends at most count arrays of one size, allocated on first use and reused after. Large
 * arrays that live across garbage collections end up in the old generation; reusing them keeps the
 * collector from copying and compacting them again and again. Thread-safe.
 */
final class BufferPool {
  private final int size;
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();
  private int unallocated;

  BufferPool(int count, int size) {
    this.size = size;
    this.unallocated = count;
  }

  int size() {
    return size;
  }

  /** An array of size() bytes, waiting while all are lent out. */
  synchronized byte[] take() throws InterruptedIOException {
    while (free.isEmpty() && unallocated == 0) {
      try {
        wait();
      } catch (InterruptedException e) {
        throw Interrupts.interrupted("waiting for a buffer");
      }
    }
    if (!free.isEmpty()) {
      return free.pop();
    }
    unallocated--;
    return new byte[size];
  }

  /** Returns an array lent by take(); arrays of another size are not the pool's and are dropped. */
  synchronized void give(byte[] buffer) {
    if (buffer.length == size) {
      free.push(buffer);
      notify();
    }
  }
}

package io.volback.docker;

import io.volback.concurrent.Interrupts;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * StreamPipe is a bounded byte pipe between two threads. Unlike java.io's piped streams either end
 * can fail the other: {@link #abort} makes the reader fail (so a half-written tar is never taken
 * for a complete one), and closing the source makes the writer fail with {@link ReaderGone}.
 */
final class StreamPipe {
  /** ReaderGone is thrown to the writer when the reading side has stopped reading. */
  static final class ReaderGone extends IOException {
    ReaderGone() {
      super("the reading side of the pipe is closed");
    }
  }

  private final byte[] buffer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private int readPos;
  private int count;
  private boolean sinkClosed;
  private boolean sourceClosed;
  private IOException abortCause;

  StreamPipe(int capacity) {
    this.buffer = new byte[capacity];
  }

  /** The writing end; close() marks the end of the stream. */
  OutputStream sink() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        put(b, off, len);
      }

      @Override
      public void close() {
        closeSink();
      }
    };
  }

  /** The reading end; close() makes further writes fail with ReaderGone. */
  InputStream source() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return take(b, off, len);
      }

      @Override
      public void close() {
        closeSource();
      }
    };
  }

  /** Makes the reader fail with {@code cause} instead of seeing the end of the stream. */
  void abort(IOException cause) {
    lock.lock();
    try {
      abortCause = cause;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void closeSink() {
    lock.lock();
    try {
      sinkClosed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void closeSource() {
    lock.lock();
    try {
      sourceClosed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void put(byte[] b, int off, int len) throws IOException {
    lock.lock();
    try {
      while (len > 0) {
        while (count == buffer.length && !sourceClosed) {
          await();
        }
        if (sourceClosed) {
          throw new ReaderGone();
        }
        if (sinkClosed) {
          throw new IOException("write after close");
        }
        int writePos = (readPos + count) % buffer.length;
        int n = Math.min(len, Math.min(buffer.length - count, buffer.length - writePos));
        System.arraycopy(b, off, buffer, writePos, n);
        count += n;
        off += n;
        len -= n;
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private int take(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    lock.lock();
    try {
      while (count == 0 && !sinkClosed && abortCause == null) {
        await();
      }
      if (abortCause != null) {
        throw new IOException("stream aborted: " + abortCause.getMessage(), abortCause);
      }
      if (count == 0) {
        return -1;
      }
      int n = Math.min(len, Math.min(count, buffer.length - readPos));
      System.arraycopy(buffer, readPos, b, off, n);
      readPos = (readPos + n) % buffer.length;
      count -= n;
      changed.signalAll();
      return n;
    } finally {
      lock.unlock();
    }
  }

  private void await() throws InterruptedIOException {
    try {
      changed.await();
    } catch (InterruptedException e) {
      throw Interrupts.interrupted("streaming");
    }
  }
}

package io.volback.docker;

import java.nio.charset.StandardCharsets;

/**
 * OutputTail keeps the last bytes of a command's output: enough to say why it failed. Exec hooks
 * and drill probes share it.
 */
public final class OutputTail {
  public static final int LIMIT = 4096;
  private final byte[] ring = new byte[LIMIT];
  private long written;

  public synchronized void append(byte[] bytes) {
    for (byte b : bytes) {
      ring[(int) (written++ % LIMIT)] = b;
    }
  }

  public synchronized String text() {
    int size = (int) Math.min(written, LIMIT);
    byte[] out = new byte[size];
    long start = written - size;
    for (int i = 0; i < size; i++) {
      out[i] = ring[(int) ((start + i) % LIMIT)];
    }
    // The cut may split a UTF-8 sequence: the decoder replaces the broken start, which is fine.
    return new String(out, StandardCharsets.UTF_8);
  }
}

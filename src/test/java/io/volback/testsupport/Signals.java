package io.volback.testsupport;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.Map;

/**
 * Signals sends a signal to a process through libc's kill(2), at once: spawning kill(1) takes long
 * enough on a loaded machine for a short operation to finish before the signal lands.
 */
public final class Signals {
  private static final Map<String, Integer> NUMBERS = Map.of("INT", 2, "KILL", 9, "TERM", 15);

  private Signals() {}

  public static void send(long pid, String name) {
    Integer number = NUMBERS.get(name);
    if (number == null) {
      throw new IllegalArgumentException("no signal " + name);
    }
    int rc =
        NativeLibrary.getInstance(Platform.C_LIBRARY_NAME)
            .getFunction("kill")
            .invokeInt(new Object[] {(int) pid, number});
    if (rc != 0) {
      throw new IllegalStateException("kill(" + pid + ", SIG" + name + ") failed");
    }
  }
}

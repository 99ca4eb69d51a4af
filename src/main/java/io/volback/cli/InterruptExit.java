package io.volback.cli;

import java.util.List;
import sun.misc.Signal;

/**
 * InterruptExit makes SIGINT and SIGTERM end volback with exit code 130, restic's "interrupted",
 * instead of the JVM's 128 + signal number (130 and 143). Like the JVM's own handler it calls
 * System.exit, so the shutdown hooks still run first: helper containers and a volume the restore
 * created are removed and repository locks released before the process ends.
 */
final class InterruptExit {
  private InterruptExit() {}

  static void install() {
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal.handle(new Signal(name), signal -> System.exit(ExitCode.INTERRUPTED));
      } catch (IllegalArgumentException reserved) {
        // -Xrs, or a platform without the signal: the JVM's default stays.
      }
    }
  }
}

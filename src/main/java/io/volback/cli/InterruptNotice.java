package io.volback.cli;

import io.volback.cli.json.ErrorJson;
import io.volback.concurrent.ShutdownHooks;
import java.io.InterruptedIOException;
import java.util.function.Supplier;

/**
 * InterruptNotice prints one line on stderr when SIGINT or SIGTERM ends the command while it is
 * working on something: what the shutdown hooks of the lower layers are cleaning up (helper
 * containers, the repository lock, a volume a restore created). It says nothing when cleanup is
 * null, i.e. nothing is in progress.
 */
final class InterruptNotice implements AutoCloseable {
  private final Thread hook;

  private InterruptNotice(Output output, String action, Supplier<String> cleanup)
      throws InterruptedIOException {
    this.hook =
        ShutdownHooks.add(
            "volback-interrupt-notice",
            () -> {
              String what = cleanup.get();
              if (what == null) {
                return;
              }
              if (output.json) {
                output.jsonError(ErrorJson.warning(action, null, "interrupted, " + what));
              } else {
                synchronized (output.err) {
                  output.err.println();
                  output.err.println("volback: interrupted, " + what);
                  output.err.flush();
                }
              }
            });
  }

  /** Says, on an interrupt until close, what cleanup supplies (nothing when it gives null). */
  static InterruptNotice install(Output output, String action, Supplier<String> cleanup)
      throws InterruptedIOException {
    return new InterruptNotice(output, action, cleanup);
  }

  @Override
  public void close() {
    ShutdownHooks.remove(hook);
  }
}

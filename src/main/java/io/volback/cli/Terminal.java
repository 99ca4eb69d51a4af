package io.volback.cli;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Terminal tells whether stderr is a terminal, through libc's isatty(2): System.console() answers
 * whether stdin and stdout are, and on some JDKs whether there is a console at all, which is not
 * the question when progress goes to stderr. Without libc it falls back to System.console().
 */
final class Terminal {
  private static final int STDERR = 2;

  private Terminal() {}

  static boolean stderrIsTerminal() {
    try {
      NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
      return libc.getFunction("isatty").invokeInt(new Object[] {STDERR}) == 1;
    } catch (LinkageError | RuntimeException e) {
      return System.console() != null;
    }
  }
}

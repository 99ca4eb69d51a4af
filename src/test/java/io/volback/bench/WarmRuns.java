package io.volback.bench;

import io.volback.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * WarmRuns runs volback commands one after another in one JVM and prints each one's wall time: what
 * a command costs once the JVM is started and its code compiled, as in a long-running process (the
 * scheduler service), rather than as a fresh command-line process.
 *
 * <pre>java -cp CLASSPATH io.volback.bench.WarmRuns REPEAT -- VOLBACK-ARGS... [-- VOLBACK-ARGS...]
 * </pre>
 *
 * Each "--" starts a command; all of them are run REPEAT times in turn. Exits 1 when a command
 * does.
 */
public final class WarmRuns {
  private WarmRuns() {}

  public static void main(String[] args) {
    int repeat = Integer.parseInt(args[0]);
    List<String[]> commands = new ArrayList<>();
    int start = -1;
    for (int i = 1; i <= args.length; i++) {
      if (i == args.length || args[i].equals("--")) {
        if (start >= 0 && i > start) {
          commands.add(Arrays.copyOfRange(args, start, i));
        }
        start = i + 1;
      }
    }
    for (int r = 1; r <= repeat; r++) {
      for (String[] command : commands) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), command);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "run %d  %6.2f s  exit %d  %s%n",
            r,
            seconds,
            code,
            String.join(" ", command));
        if (code != 0) {
          System.out.print(err);
          System.exit(1);
        }
      }
    }
  }
}

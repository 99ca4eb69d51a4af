package io.volback.app;

import io.volback.repo.snapshot.SourceInfo;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Redaction hides secrets that volume driver options may carry (a CIFS volume's {@code
 * o=username=u,password=p}, say) from everything volback prints. Snapshots keep the real options,
 * encrypted, because a restore must recreate the volume with them.
 */
public final class Redaction {
  static final String HIDDEN = "***";
  private static final Pattern SECRET_WORD =
      Pattern.compile("pass|secret|token|credential|key", Pattern.CASE_INSENSITIVE);
  private static final Pattern SECRET_PAIR =
      Pattern.compile(
          "([A-Za-z0-9_.-]*(?:pass|secret|token|credential|key)[A-Za-z0-9_.-]*)=([^,]*)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern SECRET_JSON_PAIR =
      Pattern.compile(
          "(\"[^\"]*(?:pass|secret|token|credential|key)[^\"]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
          Pattern.CASE_INSENSITIVE);

  private Redaction() {}

  /**
   * text with secret-looking key=value parts and JSON "key": "value" members hidden: for log lines,
   * which may quote Docker requests and responses. Errs on the side of hiding too much.
   */
  public static String text(String text) {
    if (text == null) {
      return null;
    }
    String pairs = SECRET_PAIR.matcher(text).replaceAll("$1=" + HIDDEN);
    return SECRET_JSON_PAIR.matcher(pairs).replaceAll("$1\"" + HIDDEN + "\"");
  }

  /** Options with secret-looking keys, and secret-looking key=value parts of values, hidden. */
  public static Map<String, String> driverOptions(Map<String, String> options) {
    Map<String, String> out = new TreeMap<>();
    options.forEach(
        (k, v) ->
            out.put(
                k,
                SECRET_WORD.matcher(k.toLowerCase(Locale.ROOT)).find()
                    ? HIDDEN
                    : SECRET_PAIR.matcher(v).replaceAll("$1=" + HIDDEN)));
    return out;
  }

  /** source with its driver options redacted. */
  public static SourceInfo source(SourceInfo s) {
    return s == null ? null : s.withDriverOptions(driverOptions(s.driverOptions()));
  }
}

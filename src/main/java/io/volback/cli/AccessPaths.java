package io.volback.cli;

import io.volback.app.AccessPath;
import io.volback.app.UsageException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/**
 * AccessPaths lets picocli read --read-path and --write-path as an AccessPath: the values are the
 * lower-case labels (auto|api|mountpoint), which are also the completion candidates.
 */
final class AccessPaths {
  private AccessPaths() {}

  /** The labels, for ${COMPLETION-CANDIDATES} in the help and for shell completion. */
  static final class Candidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(AccessPath.values()).map(AccessPath::label).iterator();
    }
  }

  /**
   * Converts a label. The UsageException is what the user sees (ErrorReporter unwraps it), so the
   * message names the option.
   */
  abstract static class Converter implements ITypeConverter<AccessPath> {
    private final String option;

    Converter(String option) {
      this.option = option;
    }

    @Override
    public AccessPath convert(String value) {
      try {
        return AccessPath.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UsageException(option + " takes auto, api or mountpoint, not '" + value + "'");
      }
    }
  }

  static final class ReadPathConverter extends Converter {
    ReadPathConverter() {
      super("--read-path");
    }
  }

  static final class WritePathConverter extends Converter {
    WritePathConverter() {
      super("--write-path");
    }
  }
}

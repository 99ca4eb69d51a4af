package io.volback.app;

import io.volback.docker.VolumeInfo;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * VolumeSelection narrows {@code backup --all}: every label filter must match (KEY for presence,
 * KEY=VALUE for the value, as docker's {@code --filter label=}), and no exclusion glob may match
 * the volume's name (shell globs: {@code *}, {@code ?}, {@code [abc]}, {@code [!abc]}).
 */
public record VolumeSelection(List<String> labels, List<String> excludes) {
  /** NONE selects every volume. */
  public static final VolumeSelection NONE = new VolumeSelection(List.of(), List.of());

  public VolumeSelection {
    labels = List.copyOf(labels);
    excludes = List.copyOf(excludes);
    labels.forEach(VolumeSelection::checkLabelFilter);
    excludes.forEach(VolumeSelection::globPattern);
  }

  /** Whether nothing narrows the selection. */
  public boolean isEmpty() {
    return labels.isEmpty() && excludes.isEmpty();
  }

  public boolean matches(VolumeInfo volume) {
    return labels.stream().allMatch(l -> hasLabel(volume.labels(), l))
        && excludes.stream().noneMatch(g -> globPattern(g).matcher(volume.name()).matches());
  }

  /** Whether labels satisfy filter, KEY (present, any value) or KEY=VALUE. */
  public static boolean hasLabel(Map<String, String> labels, String filter) {
    checkLabelFilter(filter);
    int eq = filter.indexOf('=');
    return eq < 0
        ? labels.containsKey(filter)
        : filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
  }

  private static void checkLabelFilter(String filter) {
    if (filter.isBlank() || filter.indexOf('=') == 0) {
      throw new UsageException("--label takes KEY or KEY=VALUE, not '" + filter + "'");
    }
  }

  /** The regular expression of a shell glob, matched against the whole name. */
  static Pattern globPattern(String glob) {
    if (glob.isEmpty()) {
      throw new UsageException("--exclude-volume takes a name or a glob, not ''");
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
        int end = glob.indexOf(']', i + 2);
        String set = glob.substring(i + 1, end);
        boolean negated = set.startsWith("!");
        regex.append(negated ? "[^" : "[");
        for (char m : (negated ? set.substring(1) : set).toCharArray()) {
          regex.append(m == '-' || Character.isLetterOrDigit(m) ? "" : "\\").append(m);
        }
        regex.append(']');
        i = end;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}

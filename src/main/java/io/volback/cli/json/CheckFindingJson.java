package io.volback.cli.json;

import io.volback.maintenance.Finding;
import java.util.List;
import java.util.Locale;

/**
 * CheckFindingJson is one `finding` line of `check --json`: how bad (error or info), the store key
 * of the object, what is wrong, the snapshots and file paths that depend on it (at most 100 paths,
 * paths_omitted counts the rest).
 */
public record CheckFindingJson(
    String messageType,
    String severity,
    String object,
    String message,
    List<String> snapshots,
    List<String> paths,
    long pathsOmitted) {

  public static CheckFindingJson of(Finding f) {
    return new CheckFindingJson(
        "finding",
        f.severity().name().toLowerCase(Locale.ROOT),
        f.object(),
        f.message(),
        f.snapshots(),
        f.paths(),
        f.pathsOmitted());
  }
}

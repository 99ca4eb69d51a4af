package io.volback.maintenance;

import java.util.List;

/**
 * Finding is one thing a check found: how bad it is, the object it concerns (a store key such as
 * "data/ab/ab12...", "index/...", "snapshots/...", "keys/...", "config"), what is wrong, the ids of
 * the snapshots it affects and the file paths in them (at most {@link Findings#MAX_PATHS}, the rest
 * counted in pathsOmitted).
 */
public record Finding(
    Severity severity,
    String object,
    String message,
    List<String> snapshots,
    List<String> paths,
    long pathsOmitted) {

  public Finding {
    snapshots = List.copyOf(snapshots);
    paths = List.copyOf(paths);
  }
}

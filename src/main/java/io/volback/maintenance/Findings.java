package io.volback.maintenance;

import io.volback.repo.Id;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Findings collects what a check finds, in the order found, and remembers which blobs each finding
 * makes unreadable, so that the walk of the snapshots' trees can name the snapshots and paths that
 * need them.
 */
final class Findings {
  /** The most paths a finding lists; the rest are counted. */
  static final int MAX_PATHS = 100;

  private final List<Draft> drafts = new ArrayList<>();
  private final Map<Id, Draft> damagedBlobs = new HashMap<>();

  Draft error(String object, String message) {
    return add(Severity.ERROR, object, message);
  }

  Draft info(String object, String message) {
    return add(Severity.INFO, object, message);
  }

  private synchronized Draft add(Severity severity, String object, String message) {
    Draft d = new Draft(severity, object, message);
    drafts.add(d);
    return d;
  }

  /** Records that blob cannot be read because of finding. */
  synchronized void damages(Draft finding, Id blob) {
    damagedBlobs.putIfAbsent(blob, finding);
  }

  /** The finding that makes blob unreadable, or null. */
  synchronized Draft damageOf(Id blob) {
    return damagedBlobs.get(blob);
  }

  synchronized boolean anyDamagedBlobs() {
    return !damagedBlobs.isEmpty();
  }

  synchronized long count(Severity severity) {
    return drafts.stream().filter(d -> d.severity == severity).count();
  }

  synchronized List<Finding> list() {
    return drafts.stream().map(Draft::finding).toList();
  }

  /** Draft is a finding while the check still adds the snapshots and paths it affects. */
  static final class Draft {
    private final Severity severity;
    private final String object;
    private final String message;
    private final Set<String> snapshots = new LinkedHashSet<>();
    private final Set<String> paths = new LinkedHashSet<>();
    private long pathsOmitted;

    private Draft(Severity severity, String object, String message) {
      this.severity = severity;
      this.object = object;
      this.message = message;
    }

    synchronized void affects(Id snapshot) {
      snapshots.add(snapshot.hex());
    }

    synchronized void affects(Id snapshot, String path) {
      snapshots.add(snapshot.hex());
      if (paths.size() < MAX_PATHS || paths.contains(path)) {
        paths.add(path);
      } else {
        pathsOmitted++;
      }
    }

    synchronized Finding finding() {
      return new Finding(
          severity, object, message, List.copyOf(snapshots), List.copyOf(paths), pathsOmitted);
    }
  }
}

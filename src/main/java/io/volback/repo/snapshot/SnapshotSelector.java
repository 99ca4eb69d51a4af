package io.volback.repo.snapshot;

import io.volback.repo.SnapshotNotFoundException;
import java.util.List;

/**
 * SnapshotSelector resolves a user's snapshot reference: a full id, a unique id prefix, or "latest"
 * (the newest snapshot, of the given source name when one is given).
 */
public final class SnapshotSelector {
  private SnapshotSelector() {}

  public static StoredSnapshot select(List<StoredSnapshot> all, String ref, String sourceName)
      throws SnapshotNotFoundException {
    List<StoredSnapshot> candidates = sourceName == null ? all : all.stream()
        .filter(s -> sourceName.equals(s.snapshot().source().name())).toList();
    String scope = sourceName == null ? "" : " of volume '" + sourceName + "'";
    if ("latest".equals(ref)) {
      if (candidates.isEmpty()) {
        throw new SnapshotNotFoundException("no snapshot" + scope + " in the repository");
      }
      long sources = candidates.stream().map(s -> s.snapshot().source().name()).distinct().count();
      if (sources > 1) {
        throw new SnapshotNotFoundException("'latest' is ambiguous: the repository holds "
            + sources + " volumes; name one with --volume");
      }
      return candidates.get(candidates.size() - 1);
    }
    if (ref == null || ref.isEmpty() || !ref.matches("[0-9a-fA-F]+")) {
      throw new SnapshotNotFoundException("'" + ref
          + "' is not a snapshot id, id prefix or 'latest'");
    }
    String prefix = ref.toLowerCase();
    List<StoredSnapshot> matches = candidates.stream()
        .filter(s -> s.id().hex().startsWith(prefix)).toList();
    if (matches.isEmpty()) {
      throw new SnapshotNotFoundException("no snapshot" + scope + " with id " + ref);
    }
    if (matches.size() > 1) {
      throw new SnapshotNotFoundException("snapshot id prefix " + ref + " is ambiguous: it matches "
          + matches.size() + " snapshots; give more digits");
    }
    return matches.get(0);
  }
}

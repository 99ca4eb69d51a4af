package io.volback.repo.snapshot;

import io.volback.repo.CorruptObjectException;
import io.volback.repo.SnapshotNotFoundException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapshotSelector resolves a user's snapshot reference: a full id, a unique id prefix, or "latest"
 * (the newest snapshot the filter matches).
 */
public final class SnapshotSelector {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotSelector.class);

  private SnapshotSelector() {}

  /**
   * Resolves ref among the readable snapshots of all. "latest" is the newest readable one (the
   * damaged ones are named in a warning); a reference that names a damaged snapshot object fails,
   * naming the object.
   */
  public static StoredSnapshot select(SnapshotList all, String ref, SnapshotFilter filter)
      throws SnapshotNotFoundException, CorruptObjectException {
    if ("latest".equals(ref)) {
      for (SnapshotList.Damaged d : all.damaged()) {
        LOG.warn("'latest' is the newest readable snapshot; skipped damaged {}", d.problem());
      }
      return select(all.snapshots(), ref, filter);
    }
    String prefix = ref == null ? "" : ref.toLowerCase();
    List<SnapshotList.Damaged> damaged =
        prefix.isEmpty()
            ? List.of()
            : all.damaged().stream().filter(d -> d.name().startsWith(prefix)).toList();
    if (damaged.size() == 1
        && all.snapshots().stream().noneMatch(s -> s.id().hex().startsWith(prefix))) {
      throw new CorruptObjectException(
          "snapshot " + ref + " cannot be read: " + damaged.get(0).problem());
    }
    if (!damaged.isEmpty() && prefix.matches("[0-9a-f]+")) {
      long readable = all.snapshots().stream().filter(s -> s.id().hex().startsWith(prefix)).count();
      throw new CorruptObjectException(
          "snapshot id prefix "
              + ref
              + " is ambiguous: it matches "
              + (readable + damaged.size())
              + " snapshots, "
              + damaged.size()
              + " of them damaged ("
              + damaged.get(0).key()
              + "); give more digits");
    }
    return select(all.snapshots(), ref, filter);
  }

  /**
   * Resolves ref among the snapshots of all that filter matches: "latest" is the newest of them,
   * and is ambiguous when they are of more than one volume.
   */
  public static StoredSnapshot select(List<StoredSnapshot> all, String ref, SnapshotFilter filter)
      throws SnapshotNotFoundException {
    List<StoredSnapshot> candidates =
        all.stream().filter(s -> filter.matches(s.snapshot())).toList();
    String scope = filter.describe();
    if ("latest".equals(ref)) {
      if (candidates.isEmpty()) {
        throw new SnapshotNotFoundException("no snapshot" + scope + " in the repository");
      }
      long sources = candidates.stream().map(s -> s.snapshot().source().name()).distinct().count();
      if (sources > 1) {
        throw new SnapshotNotFoundException(
            "'latest' is ambiguous: the repository holds "
                + sources
                + " volumes; name one with --volume");
      }
      return candidates.get(candidates.size() - 1);
    }
    if (ref == null || ref.isEmpty() || !ref.matches("[0-9a-fA-F]+")) {
      throw new SnapshotNotFoundException(
          "'" + ref + "' is not a snapshot id, id prefix or 'latest'");
    }
    String prefix = ref.toLowerCase();
    List<StoredSnapshot> matches =
        candidates.stream().filter(s -> s.id().hex().startsWith(prefix)).toList();
    if (matches.isEmpty()) {
      throw new SnapshotNotFoundException("no snapshot" + scope + " with id " + ref);
    }
    if (matches.size() > 1) {
      throw new SnapshotNotFoundException(
          "snapshot id prefix "
              + ref
              + " is ambiguous: it matches "
              + matches.size()
              + " snapshots; give more digits");
    }
    return matches.get(0);
  }
}

package io.volback.repo.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * SnapshotFilter selects snapshots as restic's --host, --tag and --path do: a snapshot matches when
 * it matches every kind of criterion given, and a kind matches when any of its values does. A tag
 * value may list several tags separated by commas, all of which the snapshot must carry ("a,b"
 * needs a and b; "--tag a --tag b" needs a or b). A Docker host matches the engine's address as
 * recorded or its engine ID.
 */
public record SnapshotFilter(
    List<String> hostnames, List<String> tags, List<String> volumes, List<String> dockerHosts) {

  public static final SnapshotFilter ALL = new SnapshotFilter(null, null, null, null);

  public SnapshotFilter {
    hostnames = copy(hostnames);
    tags = copy(tags);
    volumes = copy(volumes);
    dockerHosts = copy(dockerHosts);
  }

  /** The snapshots of one volume (or directory source) name; all when name is null. */
  public static SnapshotFilter volume(String name) {
    return name == null ? ALL : new SnapshotFilter(null, null, List.of(name), null);
  }

  public boolean isEmpty() {
    return hostnames.isEmpty() && tags.isEmpty() && volumes.isEmpty() && dockerHosts.isEmpty();
  }

  public boolean matches(Snapshot snapshot) {
    SourceInfo source = snapshot.source();
    return (hostnames.isEmpty() || hostnames.contains(snapshot.hostname()))
        && (volumes.isEmpty() || volumes.contains(source.name()))
        && (tags.isEmpty() || tags.stream().anyMatch(group -> hasAll(snapshot, group)))
        && (dockerHosts.isEmpty() || dockerHosts.stream().anyMatch(h -> onDockerHost(source, h)));
  }

  /** How the filter reads in a message: " of volume 'a' with hostname 'h'", or "" when empty. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    describe(parts, "volume", volumes);
    describe(parts, "hostname", hostnames);
    describe(parts, "tag", tags);
    describe(parts, "Docker host", dockerHosts);
    if (parts.isEmpty()) {
      return "";
    }
    return (volumes.isEmpty() ? " with " : " of ") + String.join(" and ", parts);
  }

  private static void describe(List<String> parts, String what, List<String> values) {
    if (!values.isEmpty()) {
      parts.add(what + " '" + String.join("' or '", values) + "'");
    }
  }

  private static boolean hasAll(Snapshot snapshot, String group) {
    return Arrays.stream(group.split(","))
        .map(String::trim)
        .filter(t -> !t.isEmpty())
        .allMatch(snapshot.tags()::contains);
  }

  private static boolean onDockerHost(SourceInfo source, String host) {
    return host.equals(source.dockerHost())
        || (source.dockerEngineId() != null
            && host.toLowerCase(Locale.ROOT)
                .equals(source.dockerEngineId().toLowerCase(Locale.ROOT)));
  }

  private static List<String> copy(List<String> values) {
    return values == null ? List.of() : List.copyOf(values);
  }
}

package io.volback.cli.json;

import io.volback.entry.ByteNames;
import io.volback.repo.snapshot.Snapshot;
import java.util.List;

/** SkippedJson says what a backup left out: how many entries, and the first of them. */
public record SkippedJson(long count, List<SkippedEntryJson> entries) {
  /** null (left out of the output) when nothing was skipped. */
  static SkippedJson of(Snapshot.Skipped s) {
    if (s == null || s.count() == 0) {
      return null;
    }
    return new SkippedJson(
        s.count(),
        s.entries().stream()
            .map(e -> new SkippedEntryJson(ByteNames.printable(e.path()), e.reason()))
            .toList());
  }

  /** SkippedEntryJson is one entry left out, by path, and why. */
  public record SkippedEntryJson(String path, String reason) {}
}

package io.volback.cli.json;

import io.volback.app.DiffSnapshots;

/** DiffJson holds the JSON lines of `diff --json`, with restic's message types and names. */
public final class DiffJson {
  private DiffJson() {}

  /** One changed path: {"message_type":"change","path":...,"modifier":"+"}. */
  public record Change(String messageType, String path, String modifier) {
    public static Change of(DiffSnapshots.Change c) {
      return new Change("change", c.path(), c.modifier().symbol());
    }
  }

  /** What one side has that the other lacks. */
  public record Side(long files, long dirs, long others, long bytes) {
    static Side of(DiffSnapshots.Side s) {
      return new Side(s.files(), s.dirs(), s.others(), s.bytes());
    }
  }

  /** The closing line: {"message_type":"statistics",...}. */
  public record Statistics(
      String messageType,
      String sourceSnapshot,
      String targetSnapshot,
      long changedFiles,
      long metadataChanges,
      Side added,
      Side removed) {
    public static Statistics of(String source, String target, DiffSnapshots.Summary s) {
      return new Statistics(
          "statistics",
          source,
          target,
          s.changedFiles(),
          s.metadataChanges(),
          Side.of(s.added()),
          Side.of(s.removed()));
    }
  }
}

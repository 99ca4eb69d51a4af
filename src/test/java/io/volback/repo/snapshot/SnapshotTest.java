package io.volback.repo.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snapshot object's JSON: what older volbacks wrote still reads. */
class SnapshotTest {

  @Test
  void snapshotsWrittenBeforeSkippedEntriesWereRecordedReadAsComplete() throws Exception {
    String old =
        "{\"version\":1,\"time\":\"2026-11-01T10:00:00Z\",\"hostname\":\"h\","
            + "\"username\":\"root\",\"source\":{\"kind\":\"directory\",\"name\":\"app\"},"
            + "\"tags\":[],\"tree\":[],\"stats\":{\"files\":1}}";
    Snapshot s = Json.read(old.getBytes(StandardCharsets.UTF_8), Snapshot.class, "snapshots/x");
    assertThat(s.skipped()).isNull();
    assertThat(s.skippedOrNone().count()).isZero();
    assertThat(new String(Json.write(s), StandardCharsets.UTF_8)).doesNotContain("skipped");
  }

  @Test
  void skippedEntriesRoundTripIncludingNamesThatAreNotUtf8() throws Exception {
    String latin1 = "/caf\uDCE9";
    Snapshot s =
        new Snapshot(
            1,
            java.time.Instant.parse("2026-11-01T10:00:00Z"),
            "h",
            "root",
            SourceInfo.directory("app", "/srv/app"),
            List.of(),
            List.of(),
            null,
            null,
            new Snapshot.Skipped(1001, List.of(new Snapshot.SkippedEntry(latin1, "socket"))));
    Snapshot back = Json.read(Json.write(s), Snapshot.class, "snapshots/x");
    assertThat(back.skipped()).isEqualTo(s.skipped());
  }
}

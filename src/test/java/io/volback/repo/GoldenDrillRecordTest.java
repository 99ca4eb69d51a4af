package io.volback.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.drill.DrillRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of a drills/ object (docs/repository-format.md, "Drills"), as GoldenFormatTest pins
 * the other objects: do not update the literal to make the test pass.
 */
class GoldenDrillRecordTest {
  private static final DrillRecord RECORD =
      new DrillRecord(
          1,
          Instant.parse("2026-11-30T12:00:00Z"),
          "vm",
          "pgdata",
          "unix:///var/run/docker.sock",
          "aa".repeat(32),
          Instant.parse("2026-11-30T11:00:00.5Z"),
          "unix:///var/run/docker2.sock",
          "volback-drill-pgdata-1a2b3c4d",
          "api",
          3599.5,
          12.25,
          15.5,
          75,
          15292219,
          1,
          List.of(new DrillRecord.Mismatch("/a", "missing file")),
          List.of("mtime below whole seconds", "user.* xattrs"),
          new DrillRecord.Probe("postgres:16", "pg_isready", "/var/lib/pg", 0, false, 1.25, "ok"),
          "failed",
          null,
          false);

  // error is null: absent, as every null field of a stored object
  private static final String GOLDEN =
      "{\"version\":1,\"time\":\"2026-11-30T12:00:00Z\",\"hostname\":\"vm\",\"volume\":\"pgdata\","
          + "\"sourceHost\":\"unix:///var/run/docker.sock\",\"snapshot\":\""
          + "aa".repeat(32)
          + "\",\"snapshotTime\":\"2026-11-30T11:00:00.500Z\","
          + "\"targetHost\":\"unix:///var/run/docker2.sock\","
          + "\"scratchVolume\":\"volback-drill-pgdata-1a2b3c4d\",\"readPath\":\"api\","
          + "\"rpoSeconds\":3599.5,\"restoreSeconds\":12.25,\"totalSeconds\":15.5,"
          + "\"filesVerified\":75,\"bytesVerified\":15292219,\"mismatchCount\":1,"
          + "\"mismatches\":[{\"path\":\"/a\",\"problem\":\"missing file\"}],"
          + "\"notCompared\":[\"mtime below whole seconds\",\"user.* xattrs\"],"
          + "\"probe\":{\"image\":\"postgres:16\",\"command\":\"pg_isready\",\"mount\":\"/var/lib/pg\","
          + "\"exitCode\":0,\"timedOut\":false,\"seconds\":1.25,\"outputTail\":\"ok\"},"
          + "\"outcome\":\"failed\",\"scratchKept\":false}";

  @Test
  void aDrillRecordIsExactlyTheGoldenJson() throws Exception {
    assertThat(new String(Json.write(RECORD), StandardCharsets.UTF_8)).isEqualTo(GOLDEN);
    assertThat(Json.read(GOLDEN.getBytes(StandardCharsets.UTF_8), DrillRecord.class, "golden"))
        .isEqualTo(RECORD);
  }
}

package io.volback.testsupport;

import io.volback.repo.Id;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** TestDrills makes drill records for tests that only care about when, what and where. */
public final class TestDrills {
  private TestDrills() {}

  /** A passed drill of volume started at time, restored onto targetHost (an address). */
  public static StoredDrill passed(Instant time, String volume, String targetHost) {
    DrillRecord record =
        new DrillRecord(
            DrillRecord.VERSION,
            time,
            "vm",
            volume,
            "unix:///var/run/docker.sock",
            "ab".repeat(32),
            time.minusSeconds(3600),
            targetHost,
            "volback-drill-" + volume + "-0123abcd",
            "mountpoint",
            3600,
            1.5,
            2.5,
            3,
            300,
            0,
            List.of(),
            List.of(),
            null,
            DrillRecord.PASSED,
            null,
            false);
    String key = time + "/" + volume + "/" + targetHost;
    return new StoredDrill(Id.sha256(key.getBytes(StandardCharsets.UTF_8)), record);
  }
}

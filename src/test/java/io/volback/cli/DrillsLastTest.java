package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.Id;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** drills --last N keeps the newest N of each volume, as restic's snapshots --latest does. */
class DrillsLastTest {
  @Test
  void keepsTheNewestNOfEachVolumeInTheirOrder() {
    List<StoredDrill> drills =
        List.of(drill(1, "db"), drill(2, "web"), drill(3, "db"), drill(4, "db"), drill(5, "web"));
    assertThat(DrillsCommand.newestOfEachVolume(drills, 2))
        .extracting(d -> d.record().volume() + d.record().time().getEpochSecond())
        .containsExactly("web2", "db3", "db4", "web5");
    assertThat(DrillsCommand.newestOfEachVolume(drills, 1))
        .extracting(d -> d.record().volume() + d.record().time().getEpochSecond())
        .containsExactly("db4", "web5");
  }

  private static StoredDrill drill(int second, String volume) {
    return new StoredDrill(
        Id.sha256(new byte[] {(byte) second}),
        new DrillRecord(
            DrillRecord.VERSION,
            Instant.ofEpochSecond(second),
            "vm",
            volume,
            "unix:///var/run/docker.sock",
            "ab".repeat(32),
            Instant.ofEpochSecond(0),
            "unix:///var/run/docker2.sock",
            "volback-drill-" + volume + "-0123abcd",
            "mountpoint",
            second,
            1.0,
            2.0,
            1,
            10,
            0,
            List.of(),
            List.of(),
            null,
            DrillRecord.PASSED,
            null,
            false));
  }
}

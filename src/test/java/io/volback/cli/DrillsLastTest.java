package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.drill.StoredDrill;
import io.volback.testsupport.TestDrills;
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
    return TestDrills.passed(Instant.ofEpochSecond(second), volume, "unix:///var/run/docker2.sock");
  }
}

package io.volback.repo.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.Id;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The newest snapshot of every volume, volumes told apart by name and Docker engine. */
class LatestSnapshotsTest {
  private static final String A = "unix:///var/run/docker.sock";
  private static final String B = "tcp://b:2376";

  @Test
  void theNewestSnapshotOfEachVolumeIsPicked() {
    StoredSnapshot db1 = volume(1, "db", A, "engine-a");
    StoredSnapshot db2 = volume(3, "db", A, "engine-a");
    StoredSnapshot files = volume(2, "files", A, "engine-a");
    assertThat(LatestSnapshots.perVolume(List.of(db1, files, db2), SnapshotFilter.ALL))
        .containsExactly(db2, files);
  }

  @Test
  void volumesOfTheSameNameOnTwoEnginesStayTwo() {
    StoredSnapshot onA = volume(1, "db", A, "engine-a");
    StoredSnapshot onB = volume(2, "db", B, "engine-b");
    assertThat(LatestSnapshots.perVolume(List.of(onA, onB), SnapshotFilter.ALL))
        .containsExactlyInAnyOrder(onA, onB);
  }

  @Test
  void theSameEngineUnderAnotherAddressIsOneVolume() {
    StoredSnapshot viaSocket = volume(1, "db", A, "engine-a");
    StoredSnapshot viaTcp = volume(2, "db", "tcp://a:2376", "engine-a");
    assertThat(LatestSnapshots.perVolume(List.of(viaSocket, viaTcp), SnapshotFilter.ALL))
        .containsExactly(viaTcp);
  }

  @Test
  void theFilterAppliesBeforeTheNewestIsPicked() {
    StoredSnapshot onA = volume(1, "db", A, "engine-a");
    StoredSnapshot onB = volume(2, "db", B, "engine-b");
    SnapshotFilter onlyA = new SnapshotFilter(null, null, null, List.of(A));
    assertThat(LatestSnapshots.perVolume(List.of(onA, onB), onlyA)).containsExactly(onA);
  }

  @Test
  void newestKeepsTheLastNOfEachSourceInTimeOrder() {
    StoredSnapshot db1 = volume(1, "db", A, "engine-a");
    StoredSnapshot db2 = volume(2, "db", A, "engine-a");
    StoredSnapshot db3 = volume(4, "db", A, "engine-a");
    StoredSnapshot files = volume(3, "files", A, "engine-a");
    assertThat(LatestSnapshots.newest(List.of(db3, db1, files, db2), 2))
        .containsExactly(db2, files, db3);
  }

  @Test
  void directorySnapshotsAreLeftOut() {
    Snapshot dir =
        new Snapshot(
            1,
            Instant.ofEpochSecond(5),
            "h",
            "u",
            SourceInfo.directory("etc", "/etc"),
            List.of(),
            List.of(),
            null,
            null,
            null);
    StoredSnapshot stored = new StoredSnapshot(Id.sha256(new byte[] {5}), dir);
    assertThat(LatestSnapshots.perVolume(List.of(stored), SnapshotFilter.ALL)).isEmpty();
  }

  private static StoredSnapshot volume(int n, String name, String host, String engine) {
    Snapshot s =
        new Snapshot(
            1,
            Instant.ofEpochSecond(n),
            "h",
            "u",
            SourceInfo.volume(name).dockerHost(host, engine).driver("local", null).build(),
            List.of(),
            List.of(),
            null,
            null,
            null);
    return new StoredSnapshot(Id.sha256(new byte[] {(byte) n, (byte) name.length()}), s);
  }
}

package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.Id;
import io.volback.repo.snapshot.Snapshot;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parent a backup compares against, for volumes and directories alike. */
class ParentSnapshotTest {
  private static final String A = "unix:///var/run/docker.sock";
  private static final String B = "tcp://other:2376";

  @Test
  void theParentIsTheNewestSnapshotOfTheSameKindNameAndHost() {
    StoredSnapshot volumeOnA = snapshot(1, volume("data", A));
    StoredSnapshot olderDirectory = snapshot(2, SourceInfo.directory("data", "/srv/data"));
    StoredSnapshot directory = snapshot(3, SourceInfo.directory("data", "/srv/data"));
    StoredSnapshot volumeOnB = snapshot(4, volume("data", B));
    StoredSnapshot otherVolumeOnA = snapshot(5, volume("logs", A));
    List<StoredSnapshot> all =
        List.of(volumeOnA, olderDirectory, directory, volumeOnB, otherVolumeOnA);

    assertThat(ParentSnapshot.newest(all, "volume", "data", A)).contains(volumeOnA);
    assertThat(ParentSnapshot.newest(all, "volume", "data", B)).contains(volumeOnB);
    assertThat(ParentSnapshot.newest(all, "directory", "data", null)).contains(directory);
    assertThat(ParentSnapshot.newest(all, "volume", "cache", A)).isEmpty();
    assertThat(ParentSnapshot.newest(List.of(), "directory", "data", null)).isEmpty();
  }

  private static SourceInfo volume(String name, String host) {
    return new SourceInfo(
        "volume", name, host, "local", Map.of(), Map.of(), "local", List.of(), "api");
  }

  private static StoredSnapshot snapshot(int n, SourceInfo source) {
    Snapshot s =
        new Snapshot(
            1, Instant.ofEpochSecond(n), "h", "u", source, List.of(), List.of(), null, null, null);
    return new StoredSnapshot(Id.sha256(new byte[] {(byte) n}), s);
  }
}

package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.Id;
import io.volback.repo.snapshot.Snapshot;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parent a backup compares against, for volumes and directories alike. */
class ParentSnapshotTest {
  private static final String SOCKET = "unix:///var/run/docker.sock";
  private static final String TCP = "tcp://other:2376";

  @Test
  void theParentIsTheNewestSnapshotOfTheSameKindNameAndHost() {
    StoredSnapshot volumeOnA = snapshot(1, "h", volume("data", SOCKET, null));
    StoredSnapshot olderDirectory = snapshot(2, "h", SourceInfo.directory("data", "/srv/data"));
    StoredSnapshot directory = snapshot(3, "h", SourceInfo.directory("data", "/srv/data"));
    StoredSnapshot volumeOnB = snapshot(4, "h", volume("data", TCP, null));
    StoredSnapshot otherVolumeOnA = snapshot(5, "h", volume("logs", SOCKET, null));
    List<StoredSnapshot> all =
        List.of(volumeOnA, olderDirectory, directory, volumeOnB, otherVolumeOnA);

    assertThat(ParentSnapshot.ofVolume(all, "data", SOCKET, null)).contains(volumeOnA);
    assertThat(ParentSnapshot.ofVolume(all, "data", TCP, null)).contains(volumeOnB);
    assertThat(ParentSnapshot.ofDirectory(all, "data", "h")).contains(directory);
    assertThat(ParentSnapshot.ofVolume(all, "cache", SOCKET, null)).isEmpty();
    assertThat(ParentSnapshot.ofDirectory(List.of(), "data", "h")).isEmpty();
  }

  /** The same socket address on two machines is two engines: their IDs tell them apart. */
  @Test
  void volumesOnTheSameSocketOfTwoEnginesAreToldApartByEngineId() {
    StoredSnapshot onEngine1 = snapshot(1, "vm1", volume("data", SOCKET, "E1"));
    StoredSnapshot onEngine2 = snapshot(2, "vm2", volume("data", SOCKET, "E2"));
    StoredSnapshot beforeIdsWereRecorded = snapshot(0, "vm1", volume("data", SOCKET, null));
    List<StoredSnapshot> all = List.of(beforeIdsWereRecorded, onEngine1, onEngine2);

    assertThat(ParentSnapshot.ofVolume(all, "data", SOCKET, "E1")).contains(onEngine1);
    assertThat(ParentSnapshot.ofVolume(all, "data", SOCKET, "E3"))
        .as("an engine never seen has no parent but an old snapshot without an ID by address")
        .contains(beforeIdsWereRecorded);
  }

  @Test
  void aDirectoryOfTheSameNameOnAnotherMachineIsNotTheParent() {
    StoredSnapshot onVm1 = snapshot(1, "vm1", SourceInfo.directory("www", "/srv/www"));
    StoredSnapshot onVm2 = snapshot(2, "vm2", SourceInfo.directory("www", "/srv/www"));

    assertThat(ParentSnapshot.ofDirectory(List.of(onVm1, onVm2), "www", "vm1")).contains(onVm1);
    assertThat(ParentSnapshot.ofDirectory(List.of(onVm1, onVm2), "www", "vm3")).isEmpty();
  }

  private static SourceInfo volume(String name, String host, String engineId) {
    return SourceInfo.volume(name)
        .dockerHost(host, engineId)
        .driver("local", null)
        .scope("local")
        .readPath("api")
        .build();
  }

  private static StoredSnapshot snapshot(int n, String hostname, SourceInfo source) {
    Snapshot s =
        new Snapshot(
            1,
            Instant.ofEpochSecond(n),
            hostname,
            "u",
            source,
            List.of(),
            List.of(),
            null,
            null,
            null);
    return new StoredSnapshot(Id.sha256(new byte[] {(byte) n}), s);
  }
}

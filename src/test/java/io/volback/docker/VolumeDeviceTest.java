package io.volback.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VolumeDeviceTest {
  private static VolumeDevice bind(String dir) {
    return VolumeDevice.of("local", Map.of("type", "none", "o", "bind", "device", dir))
        .orElseThrow();
  }

  @Test
  void bindDirectoriesOverlapWhenEqualOrNested() {
    assertThat(bind("/srv/data").overlaps(bind("/srv/data/"))).isTrue();
    assertThat(bind("/srv/data").overlaps(bind("/srv/data/sub"))).isTrue();
    assertThat(bind("/srv/data/sub").overlaps(bind("/srv"))).isTrue();
    assertThat(bind("/srv/data").overlaps(bind("/srv/data2"))).isFalse();
    assertThat(bind("/srv/a/../data").overlaps(bind("/srv/data"))).isTrue();
  }

  @Test
  void otherDevicesOverlapOnlyWhenEqual() {
    VolumeDevice nfs =
        VolumeDevice.of(
                "local", Map.of("type", "nfs", "o", "addr=10.0.0.1,rw", "device", ":/export"))
            .orElseThrow();
    assertThat(nfs.directory()).isFalse();
    assertThat(nfs.overlaps(new VolumeDevice(":/export", false))).isTrue();
    assertThat(nfs.overlaps(new VolumeDevice(":/export/sub", false))).isFalse();
  }

  @Test
  void tmpfsPluginsAndPlainVolumesHaveNoDeviceOption() {
    assertThat(VolumeDevice.of("local", Map.of("type", "tmpfs", "device", "tmpfs"))).isEmpty();
    assertThat(VolumeDevice.of("rexray", Map.of("device", "/dev/sdb"))).isEmpty();
    assertThat(VolumeDevice.of("local", Map.of())).isEmpty();
    assertThat(VolumeDevice.isBind(Map.of("o", "ro, rbind"))).isTrue();
    assertThat(VolumeDevice.isBind(Map.of("o", "bindx"))).isFalse();
  }

  @Test
  void aPlainLocalVolumeKeepsItsFilesInItsMountpoint() {
    VolumeInfo plain =
        new VolumeInfo(
            "h",
            "v",
            "local",
            Map.of(),
            Map.of(),
            "local",
            Optional.empty(),
            "/var/lib/docker/volumes/v/_data",
            false,
            List.of());
    assertThat(VolumeDevice.of(plain))
        .contains(new VolumeDevice("/var/lib/docker/volumes/v/_data", true));
    assertThat(bind("/var/lib/docker/volumes/v/_data/x").overlaps(VolumeDevice.of(plain).get()))
        .isTrue();
  }
}

package io.volback.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMountpointTest {
  private final DockerHost host = DockerEngines.a();

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(host);
  }

  @Test
  void plainLocalVolumeOnALocalSocketIsReadableDirectly() throws Exception {
    String volume = TestDocker.createVolume(host, "local");
    VolumeArchive.write(host, volume, out -> TarFixtures.writeSingleFile(out, "f.txt", "direct"));
    VolumeInfo info = VolumeDiscovery.get(host, volume);

    Optional<Path> dir = LocalMountpoint.direct().find(host, info);

    assertThat(dir).contains(Path.of(info.mountpoint()));
    assertThat(Files.readString(dir.get().resolve("f.txt"))).isEqualTo("direct");
  }

  @Test
  void remapsTheEnginesVolumesFolder(@TempDir Path mounted) throws Exception {
    VolumeInfo info = volumeAt("/var/lib/docker/volumes/v1/_data", Map.of());
    Files.createDirectories(mounted.resolve("v1/_data"));

    LocalMountpoint remapped =
        LocalMountpoint.remapped(Path.of("/var/lib/docker/volumes"), mounted);

    assertThat(remapped.find(host, info)).contains(mounted.resolve("v1/_data"));
    assertThat(remapped.map(Path.of("/elsewhere/x"))).isEqualTo(Path.of("/elsewhere/x"));
  }

  @Test
  void volumeWithDriverOptionsIsNeverReadDirectly(@TempDir Path device) throws Exception {
    // Its mountpoint is an empty folder unless a container uses the volume.
    String volume =
        TestDocker.createVolume(
            host,
            "bind",
            Map.of("type", "none", "o", "bind", "device", device.toString()),
            Map.of());

    assertThat(LocalMountpoint.direct().find(host, VolumeDiscovery.get(host, volume))).isEmpty();
  }

  @Test
  void remoteHostOrMissingFolderIsNotReadableDirectly(@TempDir Path dir) {
    DockerHost remote = new DockerHost("tcp://10.0.0.9:2376", null, null);
    assertThat(LocalMountpoint.direct().find(remote, volumeAt(dir.toString(), Map.of()))).isEmpty();
    assertThat(
            LocalMountpoint.direct().find(host, volumeAt(dir.resolve("gone").toString(), Map.of())))
        .isEmpty();
    assertThat(LocalMountpoint.direct().find(host, volumeAt(dir.toString(), Map.of())))
        .contains(dir);
  }

  private VolumeInfo volumeAt(String mountpoint, Map<String, String> options) {
    return new VolumeInfo(
        host.address(),
        "v1",
        "local",
        options,
        Map.of(),
        "local",
        Optional.empty(),
        mountpoint,
        false,
        List.of());
  }
}

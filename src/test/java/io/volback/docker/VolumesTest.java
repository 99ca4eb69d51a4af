package io.volback.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumesTest {
  private final DockerHost host = DockerEngines.b();

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(host);
  }

  @Test
  void createsAVolumeWithDriverOptionsAndLabels(@TempDir Path device) throws Exception {
    String name = TestDocker.uniqueName("created");
    Map<String, String> options = Map.of("type", "none", "o", "bind", "device", device.toString());

    VolumeInfo created =
        Volumes.create(
            host,
            new VolumeSpec(name, "local", options, TestDocker.testLabels(Map.of("app", "shop"))));

    assertThat(created.name()).isEqualTo(name);
    assertThat(created.driverOptions()).isEqualTo(options);
    assertThat(created.labels()).containsEntry("app", "shop");
    assertThat(Volumes.exists(host, name)).isTrue();
  }

  @Test
  void refusesToCreateAVolumeThatExists() {
    String name = TestDocker.createVolume(host, "exists");

    assertThatThrownBy(() -> Volumes.create(host, VolumeSpec.named(name)))
        .hasMessage(
            "cannot create volume "
                + name
                + " on Docker host "
                + host.address()
                + ": a volume of that name exists already");
  }

  @Test
  void tellsWhetherAVolumeIsEmptyThroughTheApiAndTheMountpoint() throws Exception {
    String volume = TestDocker.createVolume(host, "empty");
    assertThat(Volumes.isEmpty(host, volume)).isTrue();
    assertThat(Volumes.isEmpty(host, volume, LocalMountpoint.direct())).isTrue();

    VolumeArchive.write(host, volume, out -> TarFixtures.writeSingleFile(out, "x", "1"));

    assertThat(Volumes.isEmpty(host, volume)).isFalse();
    assertThat(Volumes.isEmpty(host, volume, LocalMountpoint.direct())).isFalse();
    assertThat(TestDocker.helpersOf(host, volume)).isEmpty();
  }

  @Test
  void listsConsumersRunningOrNot() throws Exception {
    String volume = TestDocker.createVolume(host, "used");
    assertThat(Volumes.consumers(host, volume)).isEmpty();
    String stopped = TestDocker.createContainer(host, volume, "/data", false, Map.of());

    assertThat(Volumes.consumers(host, volume))
        .extracting(VolumeConsumer::id)
        .containsExactly(stopped);
  }

  @Test
  void existsIsFalseForAnUnknownVolumeAndRemoveNamesIt() throws Exception {
    String name = TestDocker.uniqueName("missing");
    assertThat(Volumes.exists(host, name)).isFalse();
    assertThatThrownBy(() -> Volumes.remove(host, name))
        .hasMessage("no volume named " + name + " on Docker host " + host.address());
  }

  @Test
  void removeRefusesAVolumeInUse() throws Exception {
    String volume = TestDocker.createVolume(host, "inuse");
    TestDocker.createContainer(host, volume, "/data", false, Map.of());

    assertThatThrownBy(() -> Volumes.remove(host, volume))
        .hasMessage(
            "cannot remove volume "
                + volume
                + " on Docker host "
                + host.address()
                + ": it is in use by a container");
  }
}

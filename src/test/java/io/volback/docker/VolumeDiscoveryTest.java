package io.volback.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeDiscoveryTest {
  private final DockerHost host = DockerEngines.a();

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(host);
  }

  @Test
  void volumeMountedByARunningAndAStoppedContainerIsSharedWithBothConsumers() throws Exception {
    String volume =
        TestDocker.createVolume(
            host,
            "shared",
            Map.of(),
            Map.of("com.docker.compose.project", "shop", "com.docker.compose.volume", "db"));
    String running = TestDocker.runSleeper(host, volume, "/var/lib/db", false);
    String stopped =
        TestDocker.createContainer(
            host, volume, "/backup", true, Map.of("com.docker.compose.service", "backup"));

    VolumeInfo info = VolumeDiscovery.get(host, volume);

    assertThat(info.shared()).isTrue();
    assertThat(info.inUse()).isTrue();
    assertThat(info.consumers()).hasSize(2);
    VolumeConsumer r = consumer(info, running);
    VolumeConsumer s = consumer(info, stopped);
    assertThat(r.running()).isTrue();
    assertThat(r.state()).isEqualTo("running");
    assertThat(r.mountPath()).isEqualTo("/var/lib/db");
    assertThat(r.readOnly()).isFalse();
    assertThat(r.name()).startsWith("volback-test-ctr-");
    assertThat(s.running()).isFalse();
    assertThat(s.state()).isEqualTo("created");
    assertThat(s.mountPath()).isEqualTo("/backup");
    assertThat(s.readOnly()).isTrue();
    assertThat(info.composeProject()).contains("shop");
    assertThat(info.composeVolume()).contains("db");
    assertThat(info.composeServices()).containsExactly("backup");
    assertThat(VolumeDiscovery.all(host))
        .filteredOn(v -> v.name().equals(volume))
        .singleElement()
        .satisfies(v -> assertThat(v.consumers()).hasSize(2));
  }

  @Test
  void reportsDriverOptionsLabelsScopeCreationTimeAndMountpoint(@TempDir Path device)
      throws Exception {
    Map<String, String> options = Map.of("type", "none", "o", "bind", "device", device.toString());
    String volume = TestDocker.createVolume(host, "bind", options, Map.of("team", "data"));

    VolumeInfo info = VolumeDiscovery.get(host, volume);

    assertThat(info.host()).isEqualTo(host.address());
    assertThat(info.driver()).isEqualTo("local");
    assertThat(info.driverOptions()).isEqualTo(options);
    assertThat(info.labels()).containsEntry("team", "data").containsEntry(TestDocker.LABEL, "true");
    assertThat(info.scope()).isEqualTo("local");
    assertThat(info.createdAt())
        .hasValueSatisfying(
            t ->
                assertThat(Duration.between(t, Instant.now()).abs())
                    .isLessThan(Duration.ofMinutes(5)));
    assertThat(info.mountpoint()).endsWith("/" + volume + "/_data");
    assertThat(info.anonymous()).isFalse();
    assertThat(info.shared()).isFalse();
    assertThat(info.consumers()).isEmpty();
  }

  @Test
  void bindOptionsVolumeKeepsWhatIsWrittenInTheDeviceFolder(@TempDir Path device) throws Exception {
    String volume =
        TestDocker.createVolume(
            host,
            "bind",
            Map.of("type", "none", "o", "bind", "device", device.toString()),
            Map.of());

    VolumeArchive.write(host, volume, out -> TarFixtures.writeSingleFile(out, "hello.txt", "hi"));

    assertThat(Files.readString(device.resolve("hello.txt"))).isEqualTo("hi");
  }

  @Test
  void volumeWithAGeneratedNameIsAnonymous() throws Exception {
    String name = "0123456789abcdef".repeat(3) + Long.toHexString(System.nanoTime() | (1L << 60));
    host.client().createVolumeCmd().withName(name).withLabels(TestDocker.testLabels()).exec();

    assertThat(VolumeDiscovery.get(host, name).anonymous()).isTrue();
    assertThat(VolumeDiscovery.isAnonymous("pgdata", Map.of(VolumeDiscovery.ANONYMOUS_LABEL, "")))
        .isTrue();
    assertThat(VolumeDiscovery.isAnonymous("pgdata", Map.of())).isFalse();
  }

  @Test
  void unknownVolumeNamesVolumeAndHost() {
    assertThatThrownBy(() -> VolumeDiscovery.get(host, "volback-no-such-volume"))
        .isInstanceOf(NoSuchVolumeException.class)
        .hasMessage("no volume named volback-no-such-volume on Docker host " + host.address());
  }

  private static VolumeConsumer consumer(VolumeInfo info, String id) {
    return info.consumers().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }
}

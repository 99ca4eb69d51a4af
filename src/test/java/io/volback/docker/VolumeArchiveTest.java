package io.volback.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import io.volback.concurrent.ProcessOwner;
import io.volback.docker.TarFixtures.Summary;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.Processes;
import io.volback.testsupport.TestDocker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VolumeArchiveTest {
  private final DockerHost a = DockerEngines.a();
  private final DockerHost b = DockerEngines.b();

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
    TestDocker.removeAll(b);
  }

  @Test
  void writeThenReadRoundTripsNamesAttributesAndBytes() throws Exception {
    String volume = TestDocker.createVolume(a, "roundtrip");

    VolumeArchive.write(a, volume, TarFixtures::writeTree);
    Map<String, Summary> readBack;
    try (InputStream in = VolumeArchive.openRead(a, volume)) {
      readBack = TarFixtures.summarise(in);
    }

    Map<String, Summary> written =
        TarFixtures.summarise(new ByteArrayInputStream(TarFixtures.tree()));
    assertThat(readBack.keySet()).containsExactlyInAnyOrderElementsOf(written.keySet());
    for (String name : written.keySet()) {
      Summary w = written.get(name);
      Summary r = readBack.get(name);
      assertThat(r.type()).as(name).isEqualTo(w.type());
      assertThat(r.linkName()).as(name).isEqualTo(w.linkName());
      if (w.type() != 'h') { // a hard link's header carries no attributes of its own
        assertThat(r.uid()).as(name).isEqualTo(w.uid());
        assertThat(r.gid()).as(name).isEqualTo(w.gid());
      }
      if (w.type() == 'd' || w.type() == 'f') {
        assertThat(r.mode()).as(name).isEqualTo(w.mode());
        assertThat(r.mtimeSeconds()).as(name).isEqualTo(w.mtimeSeconds());
        assertThat(r.sha256()).as(name).isEqualTo(w.sha256());
      }
    }
    assertThat(readBack.get("data/").mode()).isEqualTo(0750);
    assertThat(readBack.get("data/").uid()).isEqualTo(1000);
    assertThat(TestDocker.helpersOf(a, volume)).isEmpty();
  }

  @Test
  void writesOnAnEngineThatHasNoHelperImageByImportingIt() throws Exception {
    removeHelperImage(b);
    String volume = TestDocker.createVolume(b, "fresh");

    VolumeArchive.write(b, volume, out -> TarFixtures.writeSingleFile(out, "note.txt", "from A"));

    assertThat(HelperImage.exists(b)).isTrue();
    try (InputStream in = VolumeArchive.openRead(b, volume)) {
      assertThat(TarFixtures.summarise(in)).containsKeys("data/", "data/note.txt");
    }
    assertThat(TestDocker.helpersOf(b, volume)).isEmpty();
  }

  @Test
  void corruptTarFailsWithTheDaemonsMessageAndLeavesNoHelper() {
    String volume = TestDocker.createVolume(a, "corrupt");
    byte[] garbage = new byte[4096];
    Arrays.fill(garbage, (byte) 'x');

    assertThatThrownBy(() -> VolumeArchive.write(a, volume, out -> out.write(garbage)))
        .isInstanceOf(DockerHostException.class)
        .hasMessageStartingWith(
            "cannot write volume " + volume + " on Docker host " + a.address() + ": ");
    assertThat(TestDocker.helpersOf(a, volume)).isEmpty();
  }

  @Test
  void failingWriterFailsTheWriteWithItsOwnErrorAndLeavesNoHelper() {
    String volume = TestDocker.createVolume(a, "writerfails");

    assertThatThrownBy(
            () ->
                VolumeArchive.write(
                    a,
                    volume,
                    out -> {
                      out.write(new byte[512 * 1024]);
                      throw new IOException("repository pack 1234 is unreadable");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("repository pack 1234 is unreadable");
    assertThat(TestDocker.helpersOf(a, volume)).isEmpty();
  }

  @Test
  void readStreamClosedEarlyRemovesTheHelper() throws Exception {
    String volume = TestDocker.createVolume(a, "early");
    VolumeArchive.write(a, volume, TarFixtures::writeTree);

    try (InputStream in = VolumeArchive.openRead(a, volume)) {
      assertThat(in.readNBytes(1024)).hasSize(1024);
      assertThat(TestDocker.helpersOf(a, volume)).hasSize(1);
    }

    assertThat(TestDocker.helpersOf(a, volume)).isEmpty();
  }

  @Test
  void unknownVolumeIsNeitherReadNorCreated() {
    String volume = TestDocker.uniqueName("typo");

    assertThatThrownBy(() -> VolumeArchive.openRead(a, volume))
        .isInstanceOf(NoSuchVolumeException.class)
        .hasMessage("no volume named " + volume + " on Docker host " + a.address());
    assertThatThrownBy(() -> VolumeArchive.write(a, volume, out -> {}))
        .isInstanceOf(NoSuchVolumeException.class);
    assertThatThrownBy(() -> a.client().inspectVolumeCmd(volume).exec())
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void removeLeftoverHelpersRemovesHelpersOfKilledProcesses() throws Exception {
    String volume = TestDocker.createVolume(b, "leftover");
    HelperImage.ensure(b);
    // What a killed process leaves: a labelled helper whose owner process is gone.
    Process gone = new ProcessBuilder("true").start();
    Processes.awaitOrKill(gone, Duration.ofSeconds(30), "true");
    b.client()
        .createContainerCmd(HelperImage.NAME)
        .withCmd("/nonexistent")
        .withLabels(
            TestDocker.testLabels(
                Map.of(
                    HelperContainer.LABEL,
                    "true",
                    HelperContainer.LABEL + ".volume",
                    volume,
                    HelperContainer.LABEL + ".owner",
                    ProcessOwner.of(gone.pid()))))
        .exec();
    // A helper of another live volback process (pid 1 stands in for it) must survive.
    String otherLive =
        b.client()
            .createContainerCmd(HelperImage.NAME)
            .withCmd("/nonexistent")
            .withLabels(
                TestDocker.testLabels(
                    Map.of(
                        HelperContainer.LABEL,
                        "true",
                        HelperContainer.LABEL + ".volume",
                        volume,
                        HelperContainer.LABEL + ".owner",
                        ProcessOwner.of(1))))
            .exec()
            .getId();
    try (HelperContainer live =
        HelperContainer.create(b, volume, HelperContainer.Access.READ_ONLY)) {
      assertThat(HelperContainer.removeLeftoverHelpers(b)).isGreaterThanOrEqualTo(1);
      assertThat(TestDocker.helpersOf(b, volume))
          .extracting(c -> c.getId())
          .containsExactlyInAnyOrder(live.id(), otherLive);
    }
    b.client().removeContainerCmd(otherLive).withForce(true).exec();
    assertThat(TestDocker.helpersOf(b, volume)).isEmpty();
  }

  private static void removeHelperImage(DockerHost host) {
    try {
      host.client().removeImageCmd(HelperImage.NAME).withForce(true).exec();
    } catch (NotFoundException absent) {
      // nothing to remove
    }
  }
}

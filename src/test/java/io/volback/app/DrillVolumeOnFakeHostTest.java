package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.docker.VolumeInfo;
import io.volback.docker.VolumeSpec;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.drill.DrillRecord;
import io.volback.testsupport.FakeVolumeHost;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.TestRepoConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DrillVolume against FakeVolumeHosts and a repository in memory: no Docker. */
@Timeout(60)
class DrillVolumeOnFakeHostTest {
  private static final char[] PASSWORD = "pw".toCharArray();
  private static final ProbeSpec PROBE =
      new ProbeSpec("busybox", "test -f /v/etc/app.conf", "/v", Duration.ofSeconds(30));

  @TempDir Path dir;
  private Repository repo;
  private FakeVolumeHost source;
  private FakeVolumeHost target;

  @BeforeEach
  void setUp() throws IOException {
    repo = Repository.init(new MemoryStore(), PASSWORD, KdfParams.CHEAP, TestRepoConfig.defaults());
    source = new FakeVolumeHost("unix:///run/a.sock", dir.resolve("a"));
    target = new FakeVolumeHost("unix:///run/b.sock", dir.resolve("b"));
    // a bind volume that backups select by label: the drill must copy neither onto its scratch
    Path bound = Files.createDirectories(dir.resolve("bound"));
    source.create(
        new VolumeSpec(
            "db",
            "local",
            Map.of("type", "none", "o", "bind", "device", bound.toString()),
            Map.of("volback.enable", "true")));
    Path files = source.directory("db");
    Files.createDirectories(files.resolve("etc"));
    Files.writeString(files.resolve("etc/app.conf"), "port=80");
    Files.writeString(files.resolve("data.bin"), "payload");
    List<BackupVolumes.VolumeResult> backup =
        new BackupVolumes(repo, source, ProgressListener.NONE)
            .run(
                new BackupVolumes.Request(
                    List.of("db"),
                    false,
                    false,
                    List.of(),
                    AccessPath.AUTO,
                    false,
                    null,
                    null,
                    null));
    assertThat(backup.get(0).ok()).as(String.valueOf(backup.get(0))).isTrue();
  }

  @AfterEach
  void tearDown() throws IOException {
    repo.close();
  }

  private DrillRecord drill(boolean keep, ProbeSpec probe, DrillListener listener)
      throws IOException {
    return new DrillVolume(repo, target, listener)
        .run(new DrillVolume.Request("db", null, null, keep, probe))
        .record();
  }

  @Test
  void scratchVolumeIsAPlainLocalVolumeWithOnlyTheDrillLabels() throws IOException {
    DrillRecord r = drill(true, null, DrillListener.NONE);

    assertThat(r.passed()).as(String.valueOf(r)).isTrue();
    VolumeInfo scratch = target.volume(r.scratchVolume());
    assertThat(scratch.driver()).isEqualTo("local");
    assertThat(scratch.driverOptions()).isEmpty();
    assertThat(scratch.labels().keySet())
        .containsExactlyInAnyOrder(
            ScratchVolumes.DRILL_LABEL,
            ScratchVolumes.SOURCE_LABEL,
            ScratchVolumes.OWNER_LABEL,
            ScratchVolumes.STARTED_LABEL);
    assertThat(scratch.labels()).containsEntry(ScratchVolumes.SOURCE_LABEL, "db");
    assertThat(Files.readString(target.directory(r.scratchVolume()).resolve("etc/app.conf")))
        .isEqualTo("port=80");
    assertThat(r.scratchKept()).isTrue();
    assertThat(target.removed).isEmpty();
  }

  @Test
  void probeRunsOnTheScratchVolumeAndItsResultIsRecorded() throws IOException {
    List<String> phases = new ArrayList<>();
    DrillRecord r = drill(false, PROBE, phasesInto(phases, null));

    assertThat(r.passed()).isTrue();
    assertThat(target.probes).containsExactly(PROBE);
    assertThat(r.probe())
        .isEqualTo(
            new DrillRecord.Probe("busybox", "test -f /v/etc/app.conf", "/v", 0, false, 0, ""));
    assertThat(phases).containsExactly("restore", "verify", "probe", "cleanup");
    assertThat(target.removed).containsExactly(r.scratchVolume());
    assertThat(target.volumes()).isEmpty();
  }

  @Test
  void failingProbeFailsTheDrill() throws IOException {
    target.probeResult = new ProbeResult(3, false, Duration.ofMillis(1500), "no such file");

    DrillRecord r = drill(false, PROBE, DrillListener.NONE);

    assertThat(r.outcome()).isEqualTo(DrillRecord.FAILED);
    assertThat(r.mismatchCount()).isZero();
    assertThat(r.error()).isEqualTo("probe: exit code 3");
    assertThat(r.probe().exitCode()).isEqualTo(3);
    assertThat(r.probe().seconds()).isEqualTo(1.5);
    assertThat(r.probe().outputTail()).isEqualTo("no such file");
    assertThat(target.volumes()).isEmpty();
  }

  @Test
  void timedOutProbeFailsTheDrill() throws IOException {
    target.probeResult = new ProbeResult(null, true, Duration.ofSeconds(30), "");

    DrillRecord r = drill(false, PROBE, DrillListener.NONE);

    assertThat(r.passed()).isFalse();
    assertThat(r.error()).isEqualTo("probe: still running after 30 s");
    assertThat(r.probe().timedOut()).isTrue();
  }

  @Test
  void aDifferenceFoundOnReadBackFailsTheDrillWithoutAProbeAndRemovesTheScratchVolume()
      throws IOException {
    List<String> phases = new ArrayList<>();
    DrillRecord r =
        drill(
            false,
            null,
            phasesInto(
                phases,
                scratch -> {
                  try {
                    Files.writeString(scratch.resolve("data.bin"), "PAYLOAD");
                    Files.writeString(scratch.resolve("stray"), "x");
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }));

    assertThat(r.outcome()).isEqualTo(DrillRecord.FAILED);
    assertThat(r.error()).isNull();
    // the writes change the mtimes of / and /data.bin too
    assertThat(r.mismatchCount()).isEqualTo(4);
    assertThat(r.mismatches())
        .extracting(DrillRecord.Mismatch::path)
        .containsExactly("/", "/data.bin", "/data.bin", "/stray");
    assertThat(r.mismatches().get(0).problem()).startsWith("mtime: expected ");
    assertThat(r.mismatches().get(2).problem()).startsWith("content: differs");
    assertThat(r.mismatches().get(3).problem()).isEqualTo("extra file: not in the snapshot");
    assertThat(target.volumes()).isEmpty();
  }

  @Test
  void recordIsStoredInTheRepository() throws IOException {
    DrillRecord r = drill(false, null, DrillListener.NONE);

    assertThat(repo.drills()).singleElement().satisfies(d -> assertThat(d.record()).isEqualTo(r));
    assertThat(r.sourceHost()).isEqualTo("unix:///run/a.sock");
    assertThat(r.targetHost()).isEqualTo("unix:///run/b.sock");
    assertThat(r.filesVerified()).isEqualTo(2);
    assertThat(r.bytesVerified()).isEqualTo("port=80".length() + "payload".length());
  }

  /** A listener that notes the phases and runs atVerify on the scratch directory first. */
  private DrillListener phasesInto(
      List<String> phases, java.util.function.Consumer<Path> atVerify) {
    return new DrillListener() {
      @Override
      public void drillPhase(String volume, String phase) {
        assertThat(volume).isEqualTo("db");
        phases.add(phase);
        if (phase.equals("verify") && atVerify != null) {
          String scratch =
              target.volumes().stream()
                  .filter(v -> ScratchVolumes.isScratch(v.labels()))
                  .findFirst()
                  .orElseThrow()
                  .name();
          atVerify.accept(target.directory(scratch));
        }
      }
    };
  }
}

package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.config.ConfigLoader;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.testsupport.FakeVolumeHost;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.TestRepoConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill scratch volumes: left-overs of killed drills are removed, those of running drills never; no
 * backup or policy ever takes one.
 */
@Timeout(60)
class ScratchVolumesTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final long LIVE_PID = 100;
  private static final long DEAD_PID = 200;

  @TempDir Path dir;
  private FakeVolumeHost host;

  @BeforeEach
  void setUp() throws Exception {
    host = new FakeVolumeHost("unix:///run/a.sock", dir);
    host.add("app", Map.of("f.txt", "data"));
    scratch("volback-drill-live", "here/" + LIVE_PID, NOW.minusSeconds(60));
    scratch("volback-drill-dead", "here/" + DEAD_PID, NOW.minusSeconds(60));
    scratch("volback-drill-elsewhere-recent", "there/" + DEAD_PID, NOW.minusSeconds(60));
    scratch("volback-drill-elsewhere-old", "there/" + LIVE_PID, NOW.minus(Duration.ofHours(25)));
    scratch("volback-drill-live-old", "here/" + LIVE_PID, NOW.minus(Duration.ofHours(25)));
  }

  private void scratch(String name, String owner, Instant started) throws Exception {
    host.add(name, Map.of("f.txt", "restored"));
    host.label(
        name,
        Map.of(
            ScratchVolumes.DRILL_LABEL,
            "true",
            ScratchVolumes.OWNER_LABEL,
            owner,
            ScratchVolumes.STARTED_LABEL,
            started.toString()));
  }

  private ScratchVolumes.Cleanup sweep() throws Exception {
    return new ScratchLeftovers("here", pid -> pid == LIVE_PID, NOW).removeFrom(host);
  }

  @Test
  void leftoversOfGoneOwnersAndOfDrillsOlderThanADayAreRemoved() throws Exception {
    ScratchVolumes.Cleanup cleanup = sweep();

    assertThat(cleanup.removed())
        .containsExactlyInAnyOrder("volback-drill-dead", "volback-drill-elsewhere-old");
    assertThat(cleanup.problems()).isEmpty();
    assertThat(host.removed)
        .containsExactlyInAnyOrder("volback-drill-dead", "volback-drill-elsewhere-old");
  }

  @Test
  void scratchVolumeOfALiveDrillOnThisMachineIsNeverRemovedWhateverItsAge() throws Exception {
    sweep();

    assertThat(host.exists("volback-drill-live")).isTrue();
    assertThat(host.exists("volback-drill-live-old")).isTrue();
    assertThat(host.exists("volback-drill-elsewhere-recent")).isTrue();
    assertThat(host.exists("app")).isTrue();
  }

  @Test
  void theRealSweepKnowsThisProcessIsAlive() throws Exception {
    scratch(
        "volback-drill-mine",
        io.volback.concurrent.LocalHost.name() + "/" + ProcessHandle.current().pid(),
        Instant.now());

    ScratchVolumes.removeLeftovers(host);

    assertThat(host.exists("volback-drill-mine")).isTrue();
  }

  @Test
  void backupAllLeavesScratchVolumesOut() throws Exception {
    try (Repository repo =
        Repository.init(
            new MemoryStore(), "pw".toCharArray(), KdfParams.CHEAP, TestRepoConfig.defaults())) {
      List<String> backedUp =
          new BackupVolumes(repo, host, ProgressListener.NONE)
                  .run(
                      new BackupVolumes.Request(
                          List.of(),
                          true,
                          false,
                          List.of(),
                          AccessPath.AUTO,
                          false,
                          VolumeSelection.NONE,
                          null,
                          null))
                  .stream()
                  .map(BackupVolumes.VolumeResult::volume)
                  .toList();

      assertThat(backedUp).containsExactly("app");
    }
  }

  @Test
  void noPolicySelectsAScratchVolumeEvenWithAScheduleLabel() throws Exception {
    host.label(
        "volback-drill-dead",
        Map.of(ScratchVolumes.DRILL_LABEL, "true", "volback.schedule", "0 0 3 * * ?"));
    host.label("app", Map.of("volback.schedule", "0 0 3 * * ?"));
    String yaml =
        String.join(
            "\n",
            "repository: {location: /srv/repo, password-env: PW}",
            "hosts: [{name: a, address: \"unix:///run/a.sock\"}]",
            "policies:",
            "  - name: everything",
            "    select: {}",
            "    schedule: \"0 0 3 * * ?\"",
            "");

    ServicePlan.Plan plan =
        new ServicePlan(ConfigLoader.parse(yaml, Path.of("volback.yml"), ZoneId.of("UTC")))
            .protect("a", host.volumes());

    assertThat(plan.volumes()).extracting(v -> v.volume().name()).containsExactly("app");
    assertThat(plan.problems()).as("a scratch volume's labels are not the user's to fix").isEmpty();
  }
}

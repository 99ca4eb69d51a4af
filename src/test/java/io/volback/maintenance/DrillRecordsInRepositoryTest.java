package io.volback.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.backup.BackupListener;
import io.volback.backup.SnapshotCreator;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.MemoryTree;
import io.volback.testsupport.TestRepoConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drill records in the repository: saved and listed in order, and left alone by check/prune. */
class DrillRecordsInRepositoryTest {
  private static final char[] PASSWORD = "pw".toCharArray();
  private MemoryStore store;
  private Repository repo;

  @BeforeEach
  void setUp() throws Exception {
    store = new MemoryStore();
    repo = Repository.init(store, PASSWORD, KdfParams.CHEAP, TestRepoConfig.defaults());
  }

  private static DrillRecord record(Instant time, String outcome) {
    return new DrillRecord(
        DrillRecord.VERSION,
        time,
        "here",
        "db",
        "unix:///var/run/docker.sock",
        "ab".repeat(32),
        time.minusSeconds(3600),
        "unix:///var/run/docker2.sock",
        "volback-drill-db-0123abcd",
        "mountpoint",
        3600,
        1.5,
        2.5,
        3,
        300,
        outcome.equals(DrillRecord.PASSED) ? 0 : 1,
        outcome.equals(DrillRecord.PASSED)
            ? List.of()
            : List.of(new DrillRecord.Mismatch("/a", "missing file")),
        List.of(),
        new DrillRecord.Probe("postgres:16", "pg_isready", "/var/lib/x", 0, false, 0.5, "ok"),
        outcome,
        null,
        false);
  }

  @Test
  void savedDrillsAreListedOldestFirstAndADamagedOneIsSkipped() throws Exception {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    StoredDrill later = repo.saveDrill(record(t.plusSeconds(60), DrillRecord.FAILED));
    StoredDrill earlier = repo.saveDrill(record(t, DrillRecord.PASSED));
    StoredDrill damaged = repo.saveDrill(record(t.plusSeconds(30), DrillRecord.PASSED));
    store.corrupt(RepoLayout.drill(damaged.id()), 40);

    List<StoredDrill> listed = Repository.open(store, PASSWORD).drills();

    assertThat(listed).containsExactly(earlier, later);
  }

  @Test
  void recordsAlreadyKnownAreNotReadAgainAndNewOnesAre() throws Exception {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    StoredDrill first = repo.saveDrill(record(t, DrillRecord.PASSED));
    Repository reader = Repository.open(store, PASSWORD);
    List<StoredDrill> before = reader.drills();
    StoredDrill second = repo.saveDrill(record(t.plusSeconds(60), DrillRecord.FAILED));
    // Damaged after it was read: a caller that knows it gets it without a read.
    store.corrupt(RepoLayout.drill(first.id()), 40);

    assertThat(reader.drills(java.util.Map.of(first.id(), before.get(0))))
        .containsExactly(first, second);
    assertThat(reader.drills()).containsExactly(second);
  }

  @Test
  void checkReportsADamagedDrillRecordAsInfoAndASoundOneNotAtAll() throws Exception {
    StoredDrill sound = repo.saveDrill(record(Instant.now(), DrillRecord.PASSED));
    StoredDrill damaged = repo.saveDrill(record(Instant.now(), DrillRecord.FAILED));
    store.corrupt(RepoLayout.drill(damaged.id()), 40);

    CheckReport report = check();

    assertThat(report.damaged()).isFalse();
    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.object()).isEqualTo(RepoLayout.drill(damaged.id()));
              assertThat(f.message()).startsWith("damaged drill record");
            });
    assertThat(report.findings()).noneMatch(f -> f.object().contains(sound.id().hex()));
  }

  @Test
  void pruneKeepsDrillRecordsOfForgottenSnapshots() throws Exception {
    StoredSnapshot snap =
        new SnapshotCreator(repo, BackupListener.NONE)
            .create(
                new MemoryTree().dir("/").file("/f", "content".getBytes()),
                SourceInfo.directory("db", "/x"),
                List.of(),
                null);
    StoredDrill drill = repo.saveDrill(record(Instant.now(), DrillRecord.PASSED));
    store.delete(RepoLayout.snapshot(snap.id()));

    new Pruner(Repository.open(store, PASSWORD), PruneListener.NONE)
        .prune(MaxUnused.parse("0%"), false, Duration.ofSeconds(5));

    assertThat(store.list(RepoLayout.DATA)).isEmpty();
    assertThat(Repository.open(store, PASSWORD).drills()).containsExactly(drill);
    assertThat(check().findings()).isEmpty();
  }

  private CheckReport check() throws Exception {
    RepositoryChecker checker = new RepositoryChecker(ReadDataSelection.ALL, CheckListener.NONE);
    Repository opened = checker.open(store, PASSWORD).orElseThrow();
    checker.check(opened);
    return checker.report();
  }
}

package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.docker.VolumeConsumer;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.store.ObjectInfo;
import io.volback.testsupport.FakeVolumeHost;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.TestRepoConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** RestoreSnapshot.dryRun decides as run does, and touches nothing. */
@Timeout(60)
class RestoreDryRunOnFakeHostTest {
  private static final char[] PASSWORD = "pw".toCharArray();

  @TempDir Path dir;
  private MemoryStore store;
  private Repository repo;
  private FakeVolumeHost host;

  @BeforeEach
  void setUp() throws IOException {
    store = new MemoryStore();
    repo = Repository.init(store, PASSWORD, KdfParams.CHEAP, TestRepoConfig.defaults());
    host = new FakeVolumeHost("unix:///run/a.sock", dir.resolve("host"));
    host.add("src", Map.of("etc/app.conf", "port=80", "data.bin", "payload"));
    List<BackupVolumes.VolumeResult> backup =
        new BackupVolumes(repo, host, ProgressListener.NONE)
            .run(
                new BackupVolumes.Request(
                    List.of("src"),
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

  @Test
  void dryRunOfAMissingTargetSaysItWouldBeCreatedWithRedactedOptionsAndCreatesNothing()
      throws IOException {
    List<ObjectInfo> before = store.list("");
    int sweeps = host.leftoverSweeps;

    RestoreSnapshot.DryRun plan =
        dryRun("copy", false, List.of(), Map.of("password", "s3cret", "o", "user=u,pass=p"));

    assertThat(plan.create()).isTrue();
    assertThat(plan.volume()).isEqualTo("copy");
    assertThat(plan.host()).isEqualTo("unix:///run/a.sock");
    assertThat(plan.driver()).isEqualTo("local");
    assertThat(plan.driverOptions()).isEqualTo(Map.of("password", "***", "o", "user=u,pass=***"));
    assertThat(plan.files()).isEqualTo(2);
    assertThat(plan.bytes()).isEqualTo("port=80".length() + "payload".length());
    assertThat(plan.refusal()).isNull();
    assertThat(host.exists("copy")).isFalse();
    assertThat(host.directory("copy")).doesNotExist();
    assertThat(host.leftoverSweeps).isEqualTo(sweeps);
    assertThat(store.list("")).isEqualTo(before);
  }

  @Test
  void dryRunCountsOnlyTheIncludedFiles() throws IOException {
    RestoreSnapshot.DryRun plan = dryRun("copy", false, List.of("/etc"), Map.of());

    assertThat(plan.files()).isEqualTo(1);
    assertThat(plan.bytes()).isEqualTo("port=80".length());
  }

  @Test
  void dryRunRefusesANonEmptyTargetWithTheRestoresOwnError() throws IOException {
    host.add("target", Map.of("keep.txt", "mine"));

    RestoreSnapshot.DryRun plan = dryRun("target", false, List.of(), Map.of());

    assertThat(plan.create()).isFalse();
    assertThat(plan.writePath()).isEqualTo("mountpoint");
    assertThat(plan.refusal()).isInstanceOf(OperationRefusedException.class);
    assertThatThrownBy(() -> restore("target"))
        .isInstanceOf(OperationRefusedException.class)
        .hasMessage(plan.refusal().getMessage());
    assertThat(plan.refusal().getMessage())
        .contains("volume target on unix:///run/a.sock is not empty");
    assertThat(dryRun("target", true, List.of(), Map.of()).refusal()).isNull();
  }

  @Test
  void dryRunRefusesATargetAContainerUses() throws IOException {
    host.add(
        "used",
        Map.of(),
        new VolumeConsumer("c1", "web", "running", true, "/data", false, Map.of()));

    RestoreSnapshot.DryRun plan = dryRun("used", false, List.of(), Map.of());

    assertThat(plan.refusal())
        .isInstanceOf(OperationRefusedException.class)
        .hasMessageContaining("is used by web (running)");
  }

  @Test
  void dryRunRefusesDriverOptionsForAnExistingTargetAsAUsageError() throws IOException {
    host.add("target", Map.of());

    assertThat(dryRun("target", false, List.of(), Map.of("device", "/x")).refusal())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--driver-opt only applies to a volume that restore creates");
  }

  @Test
  void dryRunStopsOnIncludePathsTheSnapshotDoesNotHold() {
    assertThatThrownBy(() -> dryRun("copy", false, List.of("/nope"), Map.of()))
        .hasMessageContaining("nothing to restore for /nope");
    assertThat(host.exists("copy")).isFalse();
  }

  private RestoreSnapshot.DryRun dryRun(
      String target, boolean overwrite, List<String> include, Map<String, String> options)
      throws IOException {
    return new RestoreSnapshot(repo, host, ProgressListener.NONE)
        .dryRun(request(target, overwrite, include, options));
  }

  private void restore(String target) throws IOException {
    new RestoreSnapshot(repo, host, ProgressListener.NONE)
        .run(request(target, false, List.of(), Map.of()));
  }

  private static RestoreSnapshot.Request request(
      String target, boolean overwrite, List<String> include, Map<String, String> options) {
    return new RestoreSnapshot.Request(
        "latest",
        SnapshotFilter.volume("src"),
        target,
        overwrite,
        include,
        AccessPath.AUTO,
        options,
        false);
  }
}

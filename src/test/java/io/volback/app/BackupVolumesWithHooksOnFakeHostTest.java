package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.docker.VolumeConsumer;
import io.volback.hooks.ContainerOps;
import io.volback.hooks.ExecResult;
import io.volback.hooks.HookEvent;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.testsupport.FakeVolumeHost;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.TestRepoConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** BackupVolumes with hooks, against a FakeVolumeHost and fake container operations. */
@Timeout(60)
class BackupVolumesWithHooksOnFakeHostTest {
  @TempDir Path dir;
  private Repository repo;
  private FakeVolumeHost host;
  private final List<String> calls = new ArrayList<>();
  private Set<String> failToStart = Set.of();

  private final ContainerOps ops =
      new ContainerOps() {
        @Override
        public boolean stop(String id) {
          calls.add("stop " + id);
          return true;
        }

        @Override
        public void start(String id) throws IOException {
          calls.add("start " + id);
          if (failToStart.contains(id)) {
            throw new IOException("port already allocated");
          }
        }

        @Override
        public ExecResult exec(String id, String command, Duration timeout) {
          calls.add("exec " + id + " " + command);
          return new ExecResult(0L, false, "");
        }
      };

  @BeforeEach
  void setUp() throws IOException {
    repo =
        Repository.init(
            new MemoryStore(), "pw".toCharArray(), KdfParams.CHEAP, TestRepoConfig.defaults());
    host = new FakeVolumeHost("unix:///run/a.sock", dir.resolve("a"));
  }

  @AfterEach
  void tearDown() throws IOException {
    repo.close();
  }

  private static VolumeConsumer consumer(String id, boolean running, Map<String, String> labels) {
    return new VolumeConsumer(
        id, id, running ? "running" : "exited", running, "/data", false, labels);
  }

  private List<BackupVolumes.VolumeResult> backup(HookOptions options, String... volumes)
      throws IOException {
    return new BackupVolumes(repo, host, ProgressListener.NONE)
        .withHooks(ops, options, e -> {})
        .run(
            new BackupVolumes.Request(
                List.of(volumes),
                false,
                false,
                List.of(),
                AccessPath.AUTO,
                false,
                null,
                null,
                null));
  }

  @Test
  void sharedContainerIsStoppedOnceAndAFailedStartFailsItsVolumesButKeepsTheSnapshots()
      throws IOException {
    VolumeConsumer db = consumer("db", true, Map.of("volback.stop", "true"));
    host.add("a", Map.of("a.txt", "a"), db);
    host.add("solo", Map.of("s.txt", "s"), consumer("web", true, Map.of()));
    host.add("b", Map.of("b.txt", "b"), db);
    failToStart = Set.of("db");

    List<BackupVolumes.VolumeResult> results = backup(HookOptions.LABELS, "a", "solo", "b");

    assertThat(calls).containsExactly("stop db", "start db");
    assertThat(results)
        .extracting(BackupVolumes.VolumeResult::volume)
        .containsExactly("a", "solo", "b");
    assertThat(results)
        .extracting(BackupVolumes.VolumeResult::ok)
        .containsExactly(false, true, false);
    assertThat(results.get(0).snapshot()).isNotNull();
    assertThat(results.get(0).failure().message())
        .isEqualTo("container db: start did not start again: port already allocated");
    assertThat(results.get(2).hooks())
        .extracting(HookEvent::action)
        .containsExactly(HookEvent.Action.STOP, HookEvent.Action.START);
    assertThat(results.get(1).hooks()).isEmpty();
    assertThat(results.get(0).hookLog())
        .isEqualTo(
            "stop db: ok, stopped\n"
                + "start db: failed, did not start again: port already allocated\n");
  }

  @Test
  void stopOptionStopsEveryRunningConsumerAndNoHooksIgnoresLabels() throws IOException {
    host.add(
        "a",
        Map.of("a.txt", "a"),
        consumer("app", true, Map.of()),
        consumer("idle", false, Map.of()),
        consumer("labelled", true, Map.of("volback.exec.pre", "sync")));

    backup(new HookOptions(false, true, Map.of(), Map.of(), null, null), "a");
    assertThat(calls).containsExactly("stop app", "stop labelled", "start labelled", "start app");
  }

  @Test
  void commandForAContainerThatMountsNoneOfTheVolumesIsAUsageError() throws IOException {
    host.add("a", Map.of("a.txt", "a"), consumer("app", true, Map.of()));
    assertThatThrownBy(
            () ->
                backup(
                    new HookOptions(true, false, Map.of("ghost", "sync"), Map.of(), null, null),
                    "a"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(
            "container ghost (--exec-pre/--exec-post) mounts none of the volumes");
    assertThat(calls).isEmpty();
  }
}

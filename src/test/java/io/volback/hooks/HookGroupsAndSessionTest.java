package io.volback.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.config.ContainerHooks;
import io.volback.config.OnError;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HookGroupsAndSessionTest {
  private static final ContainerHooks STOP =
      new ContainerHooks(true, null, null, Duration.ofSeconds(5), OnError.FAIL);

  private static HookedContainer c(String id, boolean running, ContainerHooks hooks) {
    return new HookedContainer(id, id + "-name", running, hooks);
  }

  private static HookGroups.Group group(List<HookedContainer> containers) {
    return new HookGroups.Group(List.of("v"), containers);
  }

  @Test
  void volumesSharingAHookedContainerFormOneGroupInRunOrder() {
    HookedContainer app = c("app", true, STOP);
    HookedContainer db = c("db", true, STOP);
    List<HookGroups.Group> groups =
        HookGroups.of(
            List.of("v1", "v2", "v3", "v4"),
            Map.of("v1", List.of(app), "v2", List.of(db), "v3", List.of(app, db)));
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).volumes()).containsExactly("v1", "v2", "v3");
    assertThat(groups.get(0).containers()).containsExactly(app, db);
    assertThat(groups.get(1).volumes()).containsExactly("v4");
    assertThat(groups.get(1).containers()).isEmpty();
  }

  /** Records what was done; stop/start/exec behave as configured. */
  static final class FakeOps implements ContainerOps {
    final List<String> calls = new ArrayList<>();
    Set<String> failToStart = Set.of();
    ExecResult execResult = new ExecResult(0L, false, "done\n");

    @Override
    public boolean stop(String id) {
      calls.add("stop " + id);
      return true;
    }

    @Override
    public void start(String id) throws IOException {
      calls.add("start " + id);
      if (failToStart.contains(id)) {
        throw new IOException("no such image");
      }
    }

    @Override
    public ExecResult exec(String id, String command, Duration timeout) {
      calls.add("exec " + id + " " + command);
      return execResult;
    }
  }

  @Test
  void preRunsBeforeStopsAndStartsGoInReverseBeforePost() throws Exception {
    FakeOps ops = new FakeOps();
    ContainerHooks both =
        new ContainerHooks(true, "sync", "echo post", Duration.ofSeconds(5), OnError.FAIL);
    HookSession s =
        HookSession.begin(
            ops,
            group(List.of(c("a", true, both), c("b", true, STOP), c("off", false, STOP))),
            HookListener.NONE);
    assertThat(s.failure()).isNull();
    s.finish();
    assertThat(ops.calls)
        .containsExactly(
            "exec a sync", "stop a", "stop b", "start b", "start a", "exec a echo post");
    assertThat(s.events().get(0).output()).isEqualTo("done\n");
  }

  @Test
  void aTimedOutCommandFailsTheBackupOnlyWithOnErrorFail() throws Exception {
    FakeOps ops = new FakeOps();
    ops.execResult = new ExecResult(null, true, "partial");
    ContainerHooks fail =
        new ContainerHooks(true, "sleep 60", null, Duration.ofSeconds(1), OnError.FAIL);
    HookSession failing =
        HookSession.begin(ops, group(List.of(c("a", true, fail))), HookListener.NONE);
    assertThat(failing.failure()).contains("container a-name: exec-pre timed out after 1s");
    failing.finish();
    assertThat(ops.calls).containsExactly("exec a sleep 60"); // never stopped

    ContainerHooks goOn =
        new ContainerHooks(true, "sleep 60", null, Duration.ofSeconds(1), OnError.CONTINUE);
    HookSession going =
        HookSession.begin(ops, group(List.of(c("a", true, goOn))), HookListener.NONE);
    assertThat(going.failure()).isNull();
    assertThat(going.events().get(0).outcome()).isEqualTo(HookEvent.Outcome.TIMED_OUT);
    going.finish();
  }

  @Test
  void aContainerThatDoesNotStartAgainFailsTheBackupAndTheOthersStillStart() throws Exception {
    FakeOps ops = new FakeOps();
    ops.failToStart = Set.of("b");
    HookSession s =
        HookSession.begin(
            ops, group(List.of(c("a", true, STOP), c("b", true, STOP))), HookListener.NONE);
    s.finish();
    assertThat(ops.calls).containsExactly("stop a", "stop b", "start b", "start a");
    assertThat(s.failure()).isEqualTo("container b-name: start did not start again: no such image");
  }
}

package io.volback.hooks;

import io.volback.config.ContainerHooks;
import io.volback.config.OnError;
import io.volback.hooks.HookEvent.Action;
import io.volback.hooks.HookEvent.Outcome;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * HookSession brackets the backup of one group of volumes (HookGroups): {@link #begin} runs the
 * containers' pre commands and then stops those that opt in; {@link #finish} starts them again in
 * reverse order and then runs the post commands. finish must run whatever happened in between (a
 * failed backup, an exception); an interrupted process starts them from StoppedContainers' hook. A
 * container that was not running is neither stopped nor started, and its commands fail (an exec
 * needs a running container).
 */
public final class HookSession {
  private final ContainerOps ops;
  private final List<String> volumes;
  private final List<HookedContainer> containers;
  private final HookListener listener;
  private final List<HookEvent> events = new ArrayList<>();
  private final List<HookedContainer> stopped = new ArrayList<>();

  private HookSession(
      ContainerOps ops,
      List<String> volumes,
      List<HookedContainer> containers,
      HookListener listener) {
    this.ops = ops;
    this.volumes = List.copyOf(volumes);
    this.containers = containers;
    this.listener = listener;
  }

  /**
   * Runs the pre commands, then stops the containers that opt in; stops nothing once a command has
   * failed the backup. Always follow with {@link #finish}.
   */
  public static HookSession begin(ContainerOps ops, HookGroups.Group group, HookListener listener)
      throws InterruptedIOException {
    HookSession session = new HookSession(ops, group.volumes(), group.containers(), listener);
    for (HookedContainer c : group.containers()) {
      if (c.hooks().execPre() != null) {
        session.exec(c, Action.EXEC_PRE, c.hooks().execPre());
      }
    }
    if (session.failure() == null) {
      for (HookedContainer c : group.containers()) {
        if (c.hooks().stop() && c.running()) {
          session.stop(c);
        }
      }
    }
    return session;
  }

  /** Starts the stopped containers again (newest first), then runs the post commands. */
  public void finish() throws InterruptedIOException {
    for (int i = stopped.size() - 1; i >= 0; i--) {
      HookedContainer c = stopped.get(i);
      try {
        StoppedContainers.start(c.id(), ops);
        record(c, Action.START, Outcome.OK, null, "started again", "", false);
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        record(
            c, Action.START, Outcome.FAILED, null, "did not start again: " + message(e), "", true);
      }
    }
    stopped.clear();
    for (HookedContainer c : containers) {
      if (c.hooks().execPost() != null) {
        exec(c, Action.EXEC_POST, c.hooks().execPost());
      }
    }
  }

  /** Why the backup of the group fails, or null while nothing has failed it. */
  public String failure() {
    return events.stream()
        .filter(HookEvent::failsBackup)
        .map(e -> "container " + e.container() + ": " + e.action().label() + " " + e.message())
        .reduce((a, b) -> a + "; " + b)
        .orElse(null);
  }

  /** What was done so far, in order. */
  public List<HookEvent> events() {
    return List.copyOf(events);
  }

  private void stop(HookedContainer c) throws InterruptedIOException {
    try {
      if (StoppedContainers.stop(c.id(), ops)) {
        stopped.add(c);
        record(c, Action.STOP, Outcome.OK, null, "stopped", "", false);
      }
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      record(c, Action.STOP, Outcome.FAILED, null, "did not stop: " + message(e), "", true);
    }
  }

  private void exec(HookedContainer c, Action action, String command)
      throws InterruptedIOException {
    ContainerHooks hooks = c.hooks();
    boolean fail = hooks.onError() == OnError.FAIL;
    if (!c.running()) {
      record(c, action, Outcome.FAILED, command, "not run: the container is not running", "", fail);
      return;
    }
    try {
      ExecResult r = ops.exec(c.id(), command, hooks.execTimeout());
      if (r.timedOut()) {
        record(
            c,
            action,
            Outcome.TIMED_OUT,
            command,
            "timed out after "
                + hooks.execTimeout().toString().substring(2).toLowerCase()
                + " (the command may still run in the container)",
            r.output(),
            fail);
      } else if (r.ok()) {
        record(c, action, Outcome.OK, command, "exit code 0", r.output(), false);
      } else {
        record(c, action, Outcome.FAILED, command, "exit code " + r.exitCode(), r.output(), fail);
      }
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      record(c, action, Outcome.FAILED, command, message(e), "", fail);
    }
  }

  private void record(
      HookedContainer c,
      Action action,
      Outcome outcome,
      String command,
      String message,
      String output,
      boolean failsBackup) {
    HookEvent e =
        new HookEvent(volumes, c.name(), action, outcome, command, message, output, failsBackup);
    events.add(e);
    listener.event(e);
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}

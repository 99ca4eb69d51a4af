package io.volback.cli;

import io.volback.app.HookOptions;
import io.volback.app.UsageException;
import io.volback.cli.json.HookJson;
import io.volback.config.ContainerHookLabels;
import io.volback.config.HookTimeout;
import io.volback.config.OnError;
import io.volback.hooks.HookEvent;
import io.volback.hooks.HookGroups;
import io.volback.hooks.HookListener;
import io.volback.hooks.HookedContainer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * HookOutput prints what backup's hooks do as they do it: a line per stop, start and command (a
 * "hook" record under --json), the command's output tail with -v, and a warning for a command that
 * failed with on-error continue.
 */
final class HookOutput implements HookListener {
  private final Output output;

  HookOutput(Output output) {
    this.output = output;
  }

  @Override
  public void event(HookEvent e) {
    if (output.json) {
      output.jsonLine(HookJson.of(e));
      return;
    }
    String what =
        switch (e.action()) {
          case STOP, START -> "container " + e.container() + " " + e.message();
          case EXEC_PRE, EXEC_POST ->
              e.action().label()
                  + " in container "
                  + e.container()
                  + ": "
                  + e.command()
                  + ": "
                  + e.message();
        };
    if (!e.ok() && !e.failsBackup()) {
      synchronized (output.err) {
        output.err.println("volback: warning: " + what + " (on-error continue)");
        output.err.flush();
      }
    } else {
      output.info("hook: " + what);
    }
    if (!e.output().isEmpty()) {
      output.verbose(1, e.output().strip().indent(2).stripTrailing());
    }
  }

  /** What backup --dry-run would do around each group of volumes. */
  static void plan(Output output, List<HookGroups.Group> groups) {
    for (HookGroups.Group g : groups) {
      for (HookedContainer c : g.containers()) {
        if (c.hooks().execPre() != null) {
          planned(output, g, c, "exec-pre", c.hooks().execPre());
        }
      }
      for (HookedContainer c : g.containers()) {
        if (c.hooks().stop() && c.running()) {
          planned(output, g, c, "stop", null);
        }
      }
      for (int i = g.containers().size() - 1; i >= 0; i--) {
        HookedContainer c = g.containers().get(i);
        if (c.hooks().stop() && c.running()) {
          planned(output, g, c, "start", null);
        }
      }
      for (HookedContainer c : g.containers()) {
        if (c.hooks().execPost() != null) {
          planned(output, g, c, "exec-post", c.hooks().execPost());
        }
      }
    }
  }

  private static void planned(
      Output output, HookGroups.Group g, HookedContainer c, String action, String command) {
    if (output.json) {
      output.jsonLine(HookJson.planned(g.volumes(), c.name(), action, command));
      return;
    }
    String volumes = String.join(", ", g.volumes());
    output.out.println(
        command == null
            ? "would " + action + " container " + c.name() + " (for " + volumes + ")"
            : "would run "
                + action
                + " in container "
                + c.name()
                + ": "
                + command
                + " (for "
                + volumes
                + ")");
  }

  /** The options' hooks: labels unless --no-hooks, plus --stop and the --exec-* options. */
  static HookOptions options(
      boolean noHooks,
      boolean stop,
      List<String> pre,
      List<String> post,
      Duration timeout,
      OnError onError) {
    return new HookOptions(
        !noHooks,
        stop,
        commands("--exec-pre", pre),
        commands("--exec-post", post),
        timeout,
        onError);
  }

  private static Map<String, String> commands(String option, List<String> values) {
    Map<String, String> byContainer = new HashMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq <= 0 || eq == v.length() - 1) {
        throw new UsageException(option + " takes CONTAINER=COMMAND, not '" + v + "'");
      }
      if (byContainer.put(v.substring(0, eq), v.substring(eq + 1)) != null) {
        throw new UsageException(option + " names container " + v.substring(0, eq) + " twice");
      }
    }
    return byContainer;
  }

  /** --exec-timeout: 30s, 5m, 1h30m, 500ms. */
  static final class TimeoutConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return HookTimeout.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** --exec-on-error: fail or continue. */
  static final class OnErrorConverter implements ITypeConverter<OnError> {
    @Override
    public OnError convert(String value) {
      try {
        return ContainerHookLabels.parseOnError(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}

package io.volback.app;

import io.volback.config.ContainerHookLabels;
import io.volback.config.ContainerHooks;
import io.volback.config.OnError;
import io.volback.docker.VolumeConsumer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * HookOptions is what a backup asks of the containers that mount its volumes: their own labels
 * (unless ignored), stop every running one (--stop), and commands per container name that replace
 * the labels' (--exec-pre/--exec-post NAME=CMD); timeout and on-error, when given, replace the
 * labels' for every container.
 *
 * @param timeout null: each container's label, or the default
 * @param onError null: each container's label, or fail
 */
public record HookOptions(
    boolean labels,
    boolean stopAll,
    Map<String, String> pre,
    Map<String, String> post,
    Duration timeout,
    OnError onError)
    implements Function<VolumeConsumer, ContainerHooks> {

  /** Labels honoured, nothing else: what the service and a plain backup do. */
  public static final HookOptions LABELS =
      new HookOptions(true, false, Map.of(), Map.of(), null, null);

  public HookOptions {
    pre = Map.copyOf(pre);
    post = Map.copyOf(post);
  }

  @Override
  public ContainerHooks apply(VolumeConsumer c) {
    ContainerHooks base =
        labels ? ContainerHookLabels.parse(c.name(), c.labels()) : ContainerHooks.NONE;
    return new ContainerHooks(
        base.stop() || (stopAll && c.running()),
        pre.getOrDefault(c.name(), base.execPre()),
        post.getOrDefault(c.name(), base.execPost()),
        timeout != null ? timeout : base.execTimeout(),
        onError != null ? onError : base.onError());
  }

  /** The containers the commands name. */
  public Set<String> namedContainers() {
    Set<String> names = new HashSet<>(pre.keySet());
    names.addAll(post.keySet());
    return names;
  }
}
